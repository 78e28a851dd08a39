#!/usr/bin/env node
// An A2A agent built on the reference @a2a-js/sdk server (express + jsonRpcHandler +
// agentCardHandler), with the same contract as our a2a-echo-agent:
//   (none)  working updates, then the artifact "echo" and completed, both "echo: <text>"
//   ask:    input-required; the follow-up to the same task completes with "echo: <follow-up>"
//   slow:   a working update each second for ten seconds, honours CancelTask at once
//   burst:N N bare working updates as fast as possible, then completed (benchmark load)
// Prints its base URL on stdout as one line once listening.
//
// usage: node js_echo_agent.mjs [--port N] [--token T] [--mode v1|compat|v03card|reject-v1]
//   v1         v1.0 only: the card lists one JSONRPC 1.0 interface
//   compat     v1.0 plus the SDK's v0.3 compatibility layer (card lists 1.0 and 0.3)
//   v03card    as compat, but the card is served in the v0.3 shape
//   reject-v1  as compat, but every v1.0 request is refused with -32009 (a v0.3-only server
//              behind a card that claims 1.0): clients must fall back to v0.3
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { AgentCard, Message, Task, TaskStatusUpdateEvent, TaskArtifactUpdateEvent } from '@a2a-js/sdk';
import { AgentEvent, DefaultRequestHandler, InMemoryTaskStore } from '@a2a-js/sdk/server';
import { UserBuilder, agentCardHandler, jsonRpcHandler } from '@a2a-js/sdk/server/express';

function parseArgs(argv) {
  const args = { port: 0, token: '', mode: 'v1' };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split('=', 2);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (name === '--port') args.port = Number(value());
    else if (name === '--token') args.token = value();
    else if (name === '--mode') args.mode = value();
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!['v1', 'compat', 'v03card', 'reject-v1'].includes(args.mode)) {
    throw new Error(`unknown mode ${args.mode}`);
  }
  return args;
}

const now = () => new Date().toISOString();
const textOf = (message) =>
  (message?.parts ?? [])
    .map((p) => (p.content?.$case === 'text' ? p.content.value : ''))
    .filter((t) => t !== '')
    .join('\n');

function agentMessage(ctx, text) {
  return Message.fromJSON({
    messageId: randomUUID(),
    contextId: ctx.contextId,
    taskId: ctx.taskId,
    role: 'ROLE_AGENT',
    parts: [{ text }],
  });
}

function status(ctx, state, text) {
  const update = TaskStatusUpdateEvent.fromJSON({
    taskId: ctx.taskId,
    contextId: ctx.contextId,
    status: { state, timestamp: now() },
  });
  if (text !== undefined) update.status.message = agentMessage(ctx, text);
  return AgentEvent.statusUpdate(update);
}

class EchoExecutor {
  // taskId -> function that wakes a sleeping slow task when it is canceled
  #cancels = new Map();

  async execute(ctx, bus) {
    const text = textOf(ctx.userMessage);
    const continuing = ctx.task !== undefined;
    // The SDK wants a task (or message) as the first event of every execution.
    bus.publish(
      AgentEvent.task(
        Task.fromJSON({
          id: ctx.taskId,
          contextId: ctx.contextId,
          status: { state: continuing ? 'TASK_STATE_WORKING' : 'TASK_STATE_SUBMITTED', timestamp: now() },
          history: continuing ? [] : [Message.toJSON(ctx.userMessage)],
        }),
      ),
    );
    if (continuing) {
      bus.publish(status(ctx, 'TASK_STATE_WORKING', 'got the answer'));
      this.#finish(ctx, bus, text);
      return;
    }
    if (text.startsWith('ask:')) {
      bus.publish(status(ctx, 'TASK_STATE_WORKING', 'thinking about the question'));
      bus.publish(
        status(ctx, 'TASK_STATE_INPUT_REQUIRED', `question: ${text.slice(4).trim()} (reply to continue)`),
      );
      bus.finished();
      return;
    }
    if (text.startsWith('slow:')) {
      for (let step = 1; step <= 10; step++) {
        const canceled = await new Promise((resolve) => {
          const timer = setTimeout(() => resolve(false), 1000);
          this.#cancels.set(ctx.taskId, () => {
            clearTimeout(timer);
            resolve(true);
          });
        });
        this.#cancels.delete(ctx.taskId);
        if (canceled) return;
        bus.publish(status(ctx, 'TASK_STATE_WORKING', `working ${step}/10`));
      }
      this.#finish(ctx, bus, text.slice(5).trim());
      return;
    }
    if (text.startsWith('burst:')) {
      const n = Number(text.slice(6).trim()) || 0;
      // Bare status updates: a message on each would grow the task history the SDK clones
      // on every event, measuring that rather than streaming.
      for (let i = 0; i < n; i++) bus.publish(status(ctx, 'TASK_STATE_WORKING'));
      bus.publish(status(ctx, 'TASK_STATE_COMPLETED'));
      bus.finished();
      return;
    }
    bus.publish(status(ctx, 'TASK_STATE_WORKING', 'received'));
    bus.publish(status(ctx, 'TASK_STATE_WORKING', 'echoing'));
    this.#finish(ctx, bus, text);
  }

  #finish(ctx, bus, text) {
    const reply = `echo: ${text}`;
    bus.publish(
      AgentEvent.artifactUpdate(
        TaskArtifactUpdateEvent.fromJSON({
          taskId: ctx.taskId,
          contextId: ctx.contextId,
          artifact: { artifactId: randomUUID(), name: 'echo', parts: [{ text: reply }] },
          lastChunk: true,
        }),
      ),
    );
    bus.publish(status(ctx, 'TASK_STATE_COMPLETED', reply));
    bus.finished();
  }

  async cancelTask(taskId, bus) {
    const wake = this.#cancels.get(taskId);
    if (wake) wake();
    bus.publish(
      AgentEvent.statusUpdate(
        TaskStatusUpdateEvent.fromJSON({
          taskId,
          contextId: '',
          status: { state: 'TASK_STATE_CANCELED', timestamp: now() },
        }),
      ),
    );
    bus.finished();
  }
}

function cardJson(rpcUrl, mode, token) {
  const interfaces = [{ url: rpcUrl, protocolBinding: 'JSONRPC', protocolVersion: '1.0' }];
  if (mode !== 'v1') interfaces.push({ url: rpcUrl, protocolBinding: 'JSONRPC', protocolVersion: '0.3' });
  const card = {
    name: 'js-echo-agent',
    description: 'Echo agent on the @a2a-js/sdk reference server',
    version: '1.0.0',
    supportedInterfaces: interfaces,
    capabilities: { streaming: true, pushNotifications: false },
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [{ id: 'echo', name: 'Echo', description: 'Replies echo: <text>', tags: ['test'] }],
  };
  if (token) {
    card.securitySchemes = { bearer: { httpAuthSecurityScheme: { scheme: 'Bearer' } } };
    card.securityRequirements = [{ schemes: { bearer: { list: [] } } }];
  }
  return card;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const app = express();
  const server = http.createServer(app);
  await new Promise((resolve) => server.listen(args.port, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const rpcPath = '/a2a/jsonrpc';
  const legacy = args.mode !== 'v1';

  const card = AgentCard.fromJSON(cardJson(base + rpcPath, args.mode, args.token));
  const handler = new DefaultRequestHandler(card, new InMemoryTaskStore(), new EchoExecutor());

  const cardRoute = agentCardHandler({
    agentCardProvider: handler,
    ...(legacy ? { legacyCompat: { enabled: true } } : {}),
  });
  if (args.mode === 'v03card') {
    // A card as a v0.3-only agent would publish it: no supportedInterfaces at all.
    const { supportedInterfaces, securitySchemes, securityRequirements, ...common } = cardJson(
      base + rpcPath, args.mode, '');
    const v03 = { ...common, url: base + rpcPath, protocolVersion: '0.3.0', preferredTransport: 'JSONRPC' };
    app.get('/.well-known/agent-card.json', (req, res) => res.json(v03));
  } else {
    app.use('/.well-known/agent-card.json', cardRoute);
  }

  if (args.token) {
    app.use(rpcPath, (req, res, next) => {
      if (req.header('authorization') === `Bearer ${args.token}`) return next();
      res.status(401).json({ error: 'missing or wrong bearer token' });
    });
  }
  if (args.mode === 'reject-v1') {
    app.use(rpcPath, express.json(), (req, res, next) => {
      if (req.header('a2a-version') !== '1.0') return next();
      res.status(200).json({
        jsonrpc: '2.0',
        id: req.body?.id ?? null,
        error: { code: -32009, message: 'A2A 1.0 is not supported here' },
      });
    });
  }
  app.use(
    rpcPath,
    jsonRpcHandler({
      requestHandler: handler,
      userBuilder: UserBuilder.noAuthentication,
      ...(legacy ? { legacyCompat: { enabled: true } } : {}),
    }),
  );

  process.stdout.write(`${base}\n`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Held-open SSE responses would keep close() waiting; do not wait for them.
  process.on('SIGTERM', () => setTimeout(() => process.exit(0), 500).unref());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
