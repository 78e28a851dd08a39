// The reference @a2a-js/sdk client (1.3.0) against codex-a2a-agent and claude-a2a-agent, each
// backed by fake-cli replaying a transcript: send, stream, run events visible as data parts,
// the result artifact; over v1.0 and v0.3. Each test starts its own wrapper and stops it.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, realpathSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendMessageRequest, TaskState } from '@a2a-js/sdk';
import {
  Client,
  ClientFactory,
  ClientFactoryOptions,
  DefaultAgentCardResolver,
  JsonRpcTransportFactory,
} from '@a2a-js/sdk/client';
import { LegacyJsonRpcTransport } from '@a2a-js/sdk/compat/v0_3/client';

const BIN_DIR = process.env.AGENTHUB_BIN_DIR;
const SOURCE_DIR = process.env.AGENTHUB_SOURCE_DIR;
assert.ok(BIN_DIR, 'set AGENTHUB_BIN_DIR to the directory holding our executables');
assert.ok(SOURCE_DIR, 'set AGENTHUB_SOURCE_DIR to the repository root');
const RUN_EVENT_MEDIA_TYPE = 'application/vnd.agenthub.run-event+json';
const sample = (name) => join(SOURCE_DIR, 'tests/fakes/fake_cli/samples', name);

let root;
let work;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'agenthub-wrappers-interop-'));
  work = join(root, 'work');
  mkdirSync(work);
  work = realpathSync(work);
});
after(() => rmSync(root, { recursive: true, force: true }));

// Starts a wrapper over fake-cli; resolves with { ready, stop } once it printed its ready line.
async function startWrapper(binary, binFlag, replay) {
  const env = { ...process.env, FAKE_CLI_REPLAY: replay };
  delete env.AGENTHUB_AGENT_TOKEN;
  const child = spawn(
    join(BIN_DIR, binary),
    [binFlag, join(BIN_DIR, 'fake-cli'), '--state-dir', join(root, `state-${randomUUID()}`)],
    { stdio: ['ignore', 'pipe', 'inherit'], env },
  );
  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no ready line within 30 s')), 30000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`wrapper exited early (${code})`)));
  });
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    ready,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

function authFetch(token) {
  return (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${token}`);
    headers.set('Connection', 'close');
    return fetch(input, { ...init, headers });
  };
}

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

async function v03Client(url, token) {
  const fetchImpl = authFetch(token);
  const card = await new DefaultAgentCardResolver({ fetchImpl }).resolve(url);
  const raw = await (await fetchImpl(`${url}/.well-known/agent-card.json`)).json();
  const transport = new LegacyJsonRpcTransport({ endpoint: raw.url, fetchImpl });
  return new Client(transport, card);
}

const message = (text) =>
  SendMessageRequest.fromJSON({
    message: {
      messageId: randomUUID(),
      role: 'ROLE_USER',
      parts: [{ text }],
      metadata: { cwd: work },
    },
  });

const textOf = (msg) =>
  (msg?.parts ?? []).map((p) => (p.content?.$case === 'text' ? p.content.value : '')).join('');

// The run events carried by the stream's status updates, in order. v0.3 data parts have no
// media type, so there a run event is any data part with a `type`.
function runEvents(events, v03) {
  const out = [];
  for (const e of events) {
    if (e.$case !== 'statusUpdate') continue;
    for (const part of e.value.status.message?.parts ?? []) {
      if (part.content?.$case !== 'data') continue;
      const marked = v03 ? typeof part.content.value?.type === 'string'
        : part.mediaType === RUN_EVENT_MEDIA_TYPE;
      if (marked) out.push(part.content.value);
    }
  }
  return out;
}

function lastState(events) {
  let state;
  for (const e of events) {
    if (e.$case === 'task') state = e.value.status.state;
    if (e.$case === 'statusUpdate') state = e.value.status.state;
  }
  return state;
}

const WRAPPERS = [
  {
    binary: 'codex-a2a-agent',
    flag: '--codex-bin',
    replay: sample('codex_tools.jsonl'),
    backend: 'codex',
    types: ['status_changed', 'reasoning', 'command_started', 'command_finished', 'todo_updated',
      'file_changed', 'todo_updated', 'tool_started', 'tool_finished', 'tool_finished',
      'agent_message'],
    answer: 'Added CHANGELOG.md with an Unreleased section.',
  },
  {
    binary: 'claude-a2a-agent',
    flag: '--claude-bin',
    replay: sample('claude_tools.jsonl'),
    backend: 'claude_code',
    types: ['status_changed', 'reasoning', 'tool_started', 'command_started', 'tool_finished',
      'command_finished', 'tool_started', 'tool_finished', 'file_changed', 'agent_message'],
    answer: 'Added CHANGELOG.md with an Unreleased section.',
  },
];

for (const w of WRAPPERS) {
  describe(`@a2a-js/sdk client against ${w.binary}`, () => {
    async function withWrapper(make, fn) {
      const wrapper = await startWrapper(w.binary, w.flag, w.replay);
      try {
        assert.equal(wrapper.ready.backend, w.backend);
        await fn(await make(wrapper.ready.agent_url, wrapper.ready.token));
      } finally {
        assert.equal(await wrapper.stop(), 0);
      }
    }

    test('card: streaming, bearer auth, the run-event extension', () =>
      withWrapper(v1Client, async (client) => {
        const card = await client.getAgentCard();
        assert.equal(card.name, w.binary);
        assert.equal(card.capabilities.streaming, true);
        assert.ok(card.capabilities.extensions.some((x) => x.uri.includes('run-events')));
        assert.ok(card.securitySchemes.bearer);
      }));

    for (const [name, make] of [['v1.0', v1Client], ['v0.3', v03Client]]) {
      test(`${name} stream: every CLI event as a run-event data part, then the result`, () =>
        withWrapper(make, async (client) => {
          const events = [];
          for await (const ev of client.sendMessageStream(message('add a changelog'))) {
            events.push(ev.payload);
          }
          assert.equal(events[0].$case, 'task');
          assert.deepEqual(runEvents(events, name === 'v0.3').map((e) => e.type), w.types);
          const agentText = events
            .filter((e) => e.$case === 'statusUpdate')
            .map((e) => textOf(e.value.status.message))
            .filter((t) => t);
          assert.ok(agentText.includes(w.answer), 'agent text also arrives as a text part');
          const artifact = events.find((e) => e.$case === 'artifactUpdate');
          assert.equal(artifact.value.artifact.name, 'result');
          assert.equal(textOf(artifact.value.artifact), w.answer);
          assert.equal(artifact.value.artifact.metadata['agenthub.result'], true);
          assert.equal(lastState(events), TaskState.TASK_STATE_COMPLETED);
        }));

      test(`${name} send: the completed task with its result artifact`, () =>
        withWrapper(make, async (client) => {
          const task = await client.sendMessage(message('add a changelog'));
          assert.equal(task.status.state, TaskState.TASK_STATE_COMPLETED);
          assert.equal(textOf(task.status.message), w.answer);
          const result = task.artifacts.find((a) => a.name === 'result');
          assert.equal(textOf(result), w.answer);
        }));
    }

    test('a message without cwd is refused with a clear error', () =>
      withWrapper(v1Client, async (client) => {
        const bare = SendMessageRequest.fromJSON({
          message: { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text: 'hi' }] },
        });
        await assert.rejects(client.sendMessage(bare), /metadata\.cwd is required/);
      }));

    test('a wrong token is refused', async () => {
      const wrapper = await startWrapper(w.binary, w.flag, w.replay);
      try {
        const intruder = await v1Client(wrapper.ready.agent_url, 'wrong-token');
        await assert.rejects(intruder.sendMessage(message('let me in')));
      } finally {
        await wrapper.stop();
      }
    });
  });
}
