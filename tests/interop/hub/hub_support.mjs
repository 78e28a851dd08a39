// Shared pieces of the hub interop tests: agents started on random ports, the real
// orchestration-mcp started over stdio with a private state dir (HOME and XDG_STATE_HOME in a
// temp dir too), and helpers that call tools and follow runs with generous deadlines.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

export const MCP = process.env.ORCHESTRATION_MCP;
export const ECHO_AGENT = process.env.A2A_ECHO_AGENT;
assert.ok(MCP, 'set ORCHESTRATION_MCP to the orchestration-mcp binary');
assert.ok(ECHO_AGENT, 'set A2A_ECHO_AGENT to the a2a-echo-agent binary');

const here = path.dirname(fileURLToPath(import.meta.url));
export const JS_AGENT = path.resolve(here, '../a2a/js_echo_agent.mjs');
export const INSPECTOR = path.resolve(here, '../node_modules/.bin/mcp-inspector');

export const DEADLINE_MS = 90000;
export const TERMINAL = ['completed', 'failed', 'cancelled', 'rejected'];

// A fresh directory removed by the returned cleanup.
export function tempDir(prefix) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// Environment for child processes: HOME and XDG_STATE_HOME inside `dir`.
export function privateEnv(dir) {
  return { ...process.env, HOME: path.join(dir, 'home'), XDG_STATE_HOME: path.join(dir, 'state') };
}

// Starts an agent that prints its URL as its first stdout line; resolves { url, stop }.
export async function startAgent(command, args) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} printed no URL in 30 s`)), 30000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited early (${code})`));
    });
  });
  return {
    url,
    // A test agent has nothing to save: kill it at once (its port is closed afterwards).
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export const echoAgent = (token) =>
  startAgent(ECHO_AGENT, ['--port', '0', ...(token ? ['--token', token] : [])]);
export const jsAgent = (mode, token) =>
  startAgent(process.execPath, [JS_AGENT, '--mode', mode, ...(token ? ['--token', token] : [])]);

// The real orchestration-mcp with its state in a temp dir; resolves { client, dir, cwd, close }.
// `cwd` is a project directory for runs.
export async function startHub() {
  const { dir, remove } = tempDir('agenthub-hub-interop');
  const client = new Client({ name: 'agenthub-hub-interop', version: '1.0.0' });
  const transport = new StdioClientTransport({
    command: MCP,
    args: ['--state-dir', path.join(dir, 'state', 'agenthub'), '--log-level', 'warn'],
    env: privateEnv(dir),
    stderr: 'inherit',
  });
  await client.connect(transport);
  const cwd = path.join(dir, 'project');
  mkdirSync(cwd, { recursive: true });
  return {
    client,
    dir,
    cwd,
    close: async () => {
      await client.close();
      remove();
    },
  };
}

export function text(result) {
  return result.content.map((c) => c.text).join('\n');
}

// Calls a tool that must succeed; returns its structuredContent.
export async function ok(client, name, args) {
  const result = await client.callTool({ name, arguments: args });
  assert.ok(!result.isError, `${name} failed: ${text(result)}`);
  assert.ok(result.structuredContent, `${name}: no structuredContent`);
  return result.structuredContent;
}

// Calls a tool that must fail as a tool result; returns its text.
export async function fails(client, name, args, pattern) {
  const result = await client.callTool({ name, arguments: args });
  assert.equal(result.isError, true, `${name} succeeded: ${text(result)}`);
  const message = text(result);
  if (pattern) assert.match(message, pattern);
  return message;
}

// Polls until the run's status is one of `statuses`; returns { status, events } with every
// event seen since after_seq 0.
export async function waitStatus(client, runId, statuses) {
  const deadline = Date.now() + DEADLINE_MS;
  const events = [];
  let after = 0;
  let status = '';
  while (Date.now() < deadline) {
    const page = await ok(client, 'poll_events', { run_id: runId, after_seq: after, wait_ms: 5000 });
    events.push(...page.events);
    after = page.next_after_seq;
    status = page.status;
    if (statuses.includes(status)) {
      // Events appended while the status changed: drain them.
      for (;;) {
        const rest = await ok(client, 'poll_events', { run_id: runId, after_seq: after, wait_ms: 0 });
        if (rest.events.length === 0) break;
        events.push(...rest.events);
        after = rest.next_after_seq;
      }
      return { status, events };
    }
    if (TERMINAL.includes(status)) break;
  }
  assert.fail(`run ${runId} is ${status}, expected one of ${statuses.join(', ')}`);
}

// Polls until an event of `type` shows up; returns it.
export async function waitEvent(client, runId, type) {
  const deadline = Date.now() + DEADLINE_MS;
  let after = 0;
  while (Date.now() < deadline) {
    const page = await ok(client, 'poll_events', { run_id: runId, after_seq: after, wait_ms: 5000 });
    const found = page.events.find((e) => e.type === type);
    if (found) return found;
    after = page.next_after_seq;
    if (TERMINAL.includes(page.status) && page.events.length === 0) break;
  }
  assert.fail(`no ${type} event in run ${runId}`);
}

export function terminalEvents(events) {
  return events.filter(
    (e) =>
      ['run_completed', 'run_failed', 'rejected'].includes(e.type) ||
      (e.type === 'status_changed' && e.data.status === 'cancelled'),
  );
}

export function assertContiguous(events) {
  assert.deepEqual(
    events.map((e) => e.seq),
    events.map((_, i) => i + 1),
  );
}

export function textMessage(t) {
  return { role: 'user', parts: [{ type: 'text', text: t }] };
}
