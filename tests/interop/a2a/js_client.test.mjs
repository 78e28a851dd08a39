// The reference @a2a-js/sdk client (1.3.0) against our a2a-echo-agent: send, stream, get,
// cancel, input-required continuation, resubscribe; over v1.0 (ClientFactory from the card)
// and v0.3 (the SDK's LegacyJsonRpcTransport); with and without a bearer token.
// Each test starts its own agent on a random port and stops it at the end.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { randomUUID } from 'node:crypto';
import {
  CancelTaskRequest,
  GetTaskRequest,
  SendMessageRequest,
  SubscribeToTaskRequest,
  TaskState,
} from '@a2a-js/sdk';
import {
  Client,
  ClientFactory,
  ClientFactoryOptions,
  DefaultAgentCardResolver,
  JsonRpcTransportFactory,
} from '@a2a-js/sdk/client';
import { LegacyJsonRpcTransport } from '@a2a-js/sdk/compat/v0_3/client';
import { TaskNotCancelableError, TaskNotFoundError } from '@a2a-js/sdk/errors';

const ECHO_AGENT = process.env.A2A_ECHO_AGENT;
assert.ok(ECHO_AGENT, 'set A2A_ECHO_AGENT to the a2a-echo-agent binary');

// Starts the agent and resolves with { url, stop } once it printed its URL.
async function startAgent(extraArgs = []) {
  const child = spawn(ECHO_AGENT, ['--port', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('agent printed no URL within 30 s')), 30000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`agent exited early (${code})`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

// fetch with the bearer token. Connections are not kept alive: an idle keep-alive connection
// makes the agent's shutdown wait for its keep-alive timeout, which would only slow the suite.
function authFetch(token) {
  return (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    headers.set('Connection', 'close');
    return fetch(input, { ...init, headers });
  };
}

// A v1.0 client built the normal way: card fetched, transport chosen from it.
async function v1Client(url, token) {
  const fetchImpl = authFetch(token);
  const factory = new ClientFactory(
    ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
      transports: [new JsonRpcTransportFactory({ fetchImpl })],
      cardResolver: new DefaultAgentCardResolver({ fetchImpl }),
    }),
  );
  return factory.createFromUrl(url);
}

// A v0.3 client: the SDK's legacy JSON-RPC transport at the card's v0.3 `url`.
async function v03Client(url, token) {
  const fetchImpl = authFetch(token);
  const resolver = new DefaultAgentCardResolver({ fetchImpl });
  const card = await resolver.resolve(url);
  const raw = await (await fetchImpl(`${url}/.well-known/agent-card.json`)).json();
  assert.equal(raw.protocolVersion.slice(0, 3), '0.3', 'our card carries the v0.3 fields');
  const transport = new LegacyJsonRpcTransport({ endpoint: raw.url, fetchImpl });
  return new Client(transport, card);
}

const message = (text, extra = {}) =>
  SendMessageRequest.fromJSON({
    message: { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text }], ...extra },
  });

const textOf = (msg) =>
  (msg?.parts ?? []).map((p) => (p.content?.$case === 'text' ? p.content.value : '')).join('');

async function collect(stream) {
  const events = [];
  for await (const ev of stream) events.push(ev.payload);
  return events;
}

function lastState(events) {
  let state;
  for (const e of events) {
    if (e.$case === 'task') state = e.value.status.state;
    if (e.$case === 'statusUpdate') state = e.value.status.state;
  }
  return state;
}

function taskIdOf(event) {
  return event.$case === 'task' ? event.value.id : event.value.taskId;
}

const VARIANTS = [
  { name: 'v1.0', make: v1Client },
  { name: 'v0.3', make: v03Client },
];

for (const variant of VARIANTS) {
  for (const token of ['', 'interop-token']) {
    describe(`@a2a-js/sdk ${variant.name} client, ${token ? 'with' : 'without'} bearer token`, () => {
      async function withAgent(fn) {
        const agent = await startAgent(token ? ['--token', token] : []);
        try {
          const client = await variant.make(agent.url, token);
          await fn(client, agent);
        } finally {
          await agent.stop();
        }
      }

      test('send: the task completes with the echo', () =>
        withAgent(async (client) => {
          const result = await client.sendMessage(message('hello from js'));
          assert.equal(result.status.state, TaskState.TASK_STATE_COMPLETED);
          assert.equal(textOf(result.status.message), 'echo: hello from js');
          assert.equal(textOf(result.artifacts[0]), 'echo: hello from js');
        }));

      test('stream: task, working updates, artifact, completed', () =>
        withAgent(async (client) => {
          const events = await collect(client.sendMessageStream(message('stream me')));
          assert.equal(events[0].$case, 'task');
          assert.ok(events.some((e) => e.$case === 'statusUpdate' &&
            e.value.status.state === TaskState.TASK_STATE_WORKING));
          const artifact = events.find((e) => e.$case === 'artifactUpdate');
          assert.equal(textOf(artifact.value.artifact), 'echo: stream me');
          assert.equal(lastState(events), TaskState.TASK_STATE_COMPLETED);
        }));

      test('get: the finished task with its history', () =>
        withAgent(async (client) => {
          const sent = await client.sendMessage(message('remember me'));
          const task = await client.getTask(GetTaskRequest.fromJSON({ id: sent.id, historyLength: 10 }));
          assert.equal(task.id, sent.id);
          assert.equal(task.status.state, TaskState.TASK_STATE_COMPLETED);
          assert.ok(task.history.length >= 1);
          await assert.rejects(
            client.getTask(GetTaskRequest.fromJSON({ id: 'no-such-task' })),
            TaskNotFoundError,
          );
        }));

      test('cancel: a slow task stops at once and stays canceled', () =>
        withAgent(async (client) => {
          const stream = client.sendMessageStream(message('slow: take your time'));
          const first = await stream.next();
          const id = taskIdOf(first.value.payload);
          const canceled = await client.cancelTask(CancelTaskRequest.fromJSON({ id }));
          assert.equal(canceled.status.state, TaskState.TASK_STATE_CANCELED);
          const rest = [];
          for await (const ev of stream) rest.push(ev.payload);
          assert.equal(lastState(rest), TaskState.TASK_STATE_CANCELED);
          const task = await client.getTask(GetTaskRequest.fromJSON({ id }));
          assert.equal(task.status.state, TaskState.TASK_STATE_CANCELED);
          await assert.rejects(
            client.cancelTask(CancelTaskRequest.fromJSON({ id })),
            TaskNotCancelableError,
          );
        }));

      test('ask: input-required, then the follow-up completes the same task', () =>
        withAgent(async (client) => {
          const asked = await client.sendMessage(message('ask: favourite colour?'));
          assert.equal(asked.status.state, TaskState.TASK_STATE_INPUT_REQUIRED);
          assert.match(textOf(asked.status.message), /favourite colour\?/);
          const done = await client.sendMessage(
            message('green', { taskId: asked.id, contextId: asked.contextId }),
          );
          assert.equal(done.id, asked.id);
          assert.equal(done.status.state, TaskState.TASK_STATE_COMPLETED);
          assert.equal(textOf(done.status.message), 'echo: green');
        }));

      test('resubscribe: the current task first, then live updates to the end', () =>
        withAgent(async (client) => {
          const stream = client.sendMessageStream(message('slow: watch me'));
          const first = await stream.next();
          const id = taskIdOf(first.value.payload);
          const sub = client.resubscribeTask(SubscribeToTaskRequest.fromJSON({ id }));
          const head = await sub.next();
          assert.equal(head.value.payload.$case, 'task');
          assert.equal(head.value.payload.value.id, id);
          await client.cancelTask(CancelTaskRequest.fromJSON({ id }));
          const rest = [];
          for await (const ev of sub) rest.push(ev.payload);
          assert.equal(lastState(rest), TaskState.TASK_STATE_CANCELED);
          await stream.return();
        }));

      if (token) {
        test('a wrong token is refused', () =>
          withAgent(async (_client, agent) => {
            const intruder = await variant.make(agent.url, 'wrong-token');
            await assert.rejects(intruder.sendMessage(message('let me in')));
          }));
      }
    });
  }
}
