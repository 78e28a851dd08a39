// orchestration-mcp(-fake) driven by the official MCP SDK client over stdio: the handshake,
// tool schemas (compiled strictly), every tool, structuredContent (the SDK validates it
// against each outputSchema on every call), isError paths, concurrency and cancellation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';

const FAKE = process.env.ORCHESTRATION_MCP_FAKE;
const REAL = process.env.ORCHESTRATION_MCP;
assert.ok(FAKE, 'set ORCHESTRATION_MCP_FAKE to the orchestration-mcp-fake binary');

const TOOL_NAMES = ['spawn_run', 'get_run', 'poll_events', 'cancel_run', 'continue_run',
  'list_runs', 'get_event_artifact'];
const CWD = os.tmpdir();

async function connect(command, args = []) {
  const client = new Client({ name: 'agenthub-interop', version: '1.0.0' });
  const errors = [];
  client.onerror = (e) => errors.push(e);
  await client.connect(new StdioClientTransport({ command, args, stderr: 'ignore' }));
  return { client, errors };
}

function text(result) {
  return result.content.map((c) => c.text).join('\n');
}

describe('orchestration-mcp-fake with the SDK client', () => {
  let client;
  let errors;
  let tools;

  before(async () => {
    ({ client, errors } = await connect(FAKE));
    ({ tools } = await client.listTools());
  });
  after(async () => {
    await client?.close();
  });

  test('initialize: server info, tools capability, instructions', () => {
    assert.equal(client.getServerVersion().name, 'orchestration-mcp');
    assert.deepEqual(client.getServerCapabilities().tools, { listChanged: false });
    assert.match(client.getInstructions(), /poll_events/);
  });

  test('tools/list: seven tools with strict, compilable schemas and the right hints', () => {
    assert.deepEqual(tools.map((t) => t.name), TOOL_NAMES);
    const ajv = new Ajv({ strict: true, allErrors: true });
    for (const tool of tools) {
      assert.equal(tool.inputSchema.type, 'object', tool.name);
      for (const k of ['oneOf', 'anyOf', 'allOf']) assert.ok(!(k in tool.inputSchema), tool.name);
      assert.doesNotThrow(() => ajv.compile(tool.inputSchema), tool.name);
      assert.doesNotThrow(() => ajv.compile(tool.outputSchema), tool.name);
      assert.ok(tool.title && tool.description.length > 80, tool.name);
      const readOnly = ['get_run', 'poll_events', 'list_runs', 'get_event_artifact'].includes(tool.name);
      assert.equal(tool.annotations.readOnlyHint, readOnly, tool.name);
      assert.equal(tool.annotations.destructiveHint, tool.name === 'cancel_run', tool.name);
    }
  });

  test('input schemas accept what the server accepts and refuse typos', () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    const schema = (name) => ajv.compile(tools.find((t) => t.name === name).inputSchema);
    const spawn = schema('spawn_run');
    assert.ok(spawn({ backend: 'codex', role: 'worker', prompt: 'x', cwd: '/p', session_mode: 'new' }));
    assert.ok(spawn({
      backend: 'remote_a2a', role: 'reviewer', cwd: '/p', session_mode: 'resume', session_id: 's',
      input_message: { role: 'user', parts: [{ type: 'text', text: 'x' }, { type: 'data', data: {} },
        { type: 'file', uri: 'file:///a', mime_type: 'text/plain', name: 'a' }] },
      backend_config: { agent_url: 'http://127.0.0.1:1', headers: { A: 'b' }, history_length: 2,
        blocking: true, accepted_output_modes: ['text/plain'] },
      timeout_s: 60, metadata: {}, output_schema: {}, profile: '/p.md',
    }));
    assert.ok(!spawn({ backend: 'Codex', role: 'worker', prompt: 'x', cwd: '/p', session_mode: 'new' }));
    const poll = schema('poll_events');
    assert.ok(poll({ run_id: 'r', after_seq: 0, limit: 1000, wait_ms: 30000 }));
    assert.ok(!poll({ run_id: 'r', after_seq: 1.5 }));
    assert.ok(!poll({ run_id: 'r', after_seq: 0, wait_ms: 30001 }));
    assert.ok(schema('get_event_artifact')({ run_id: 'r', seq: 1, field_path: '/stdout' }));
    assert.ok(schema('list_runs')({}));
  });

  test('a whole run: spawn, poll, continue while a poll waits, result, artifact', async () => {
    const spawned = await client.callTool({ name: 'spawn_run', arguments: {
      backend: 'codex', role: 'worker', prompt: 'add a test', cwd: CWD, session_mode: 'new' } });
    assert.ok(!spawned.isError, text(spawned));
    const runId = spawned.structuredContent.run_id;
    assert.match(text(spawned), new RegExp(`^run ${runId} input_required \\(codex/worker\\)`));

    const first = await client.callTool({ name: 'poll_events',
      arguments: { run_id: runId, after_seq: 0, wait_ms: 0 } });
    assert.equal(first.structuredContent.status, 'input_required');
    assert.deepEqual(first.structuredContent.events.map((e) => e.seq), [1, 2, 3, 4]);
    assert.equal(first.structuredContent.next_after_seq, 4);
    assert.match(text(first), /^4 events \(seq 1\.\.4\), status input_required, next_after_seq 4/);

    // This poll waits for news; continue_run and ping must be served meanwhile.
    const waiting = client.callTool({ name: 'poll_events',
      arguments: { run_id: runId, after_seq: 4, wait_ms: 25000 } });
    await client.ping();
    const continued = await client.callTool({ name: 'continue_run', arguments: {
      run_id: runId, input_message: { role: 'user', parts: [{ type: 'text', text: 'go ahead' }] } } });
    assert.equal(continued.structuredContent.status, 'completed');
    const news = await waiting;
    assert.equal(news.structuredContent.events[0].seq, 5);
    assert.equal(news.structuredContent.status, 'completed');

    const run = await client.callTool({ name: 'get_run', arguments: { run_id: runId } });
    assert.equal(run.structuredContent.result.final_response, 'Done.');

    const page = await client.callTool({ name: 'get_event_artifact',
      arguments: { run_id: runId, seq: 3, field_path: '/stdout', limit: 1000 } });
    assert.equal(page.structuredContent.returned_bytes, 1000);
    assert.equal(page.structuredContent.has_more, true);
    assert.match(page.structuredContent.content, /^line 00001\n/);
    assert.match(text(page), /more: call again with offset 1000/);

    const listed = await client.callTool({ name: 'list_runs', arguments: { status: 'completed' } });
    assert.ok(listed.structuredContent.runs.some((r) => r.run_id === runId));
  });

  test('cancel_run, then cancelling again is a reported error', async () => {
    const spawned = await client.callTool({ name: 'spawn_run', arguments: {
      backend: 'claude_code', role: 'planner', prompt: '[running] plan', cwd: CWD, session_mode: 'new' } });
    const runId = spawned.structuredContent.run_id;
    const cancelled = await client.callTool({ name: 'cancel_run', arguments: { run_id: runId } });
    assert.equal(cancelled.structuredContent.status, 'cancelled');
    assert.ok(cancelled.structuredContent.cancelled_at);
    const again = await client.callTool({ name: 'cancel_run', arguments: { run_id: runId } });
    assert.equal(again.isError, true);
    assert.match(text(again), /^cancel_run failed \(failed_precondition\): /);
  });

  test('bad arguments and failing operations are isError results that say what to fix', async () => {
    const bad = await client.callTool({ name: 'spawn_run', arguments: {
      backend: 'codex', role: 'worker', prompt: 'x', cwd: 'rel/dir', session_mode: 'new' } });
    assert.equal(bad.isError, true);
    assert.equal(bad.structuredContent, undefined);
    assert.match(text(bad), /cwd: must be an absolute path \(starting with '\/'\), got "rel\/dir"/);
    const missing = await client.callTool({ name: 'get_run', arguments: { run_id: 'run-9999' } });
    assert.equal(missing.isError, true);
    assert.match(text(missing), /^get_run failed \(not_found\): /);
    const pointer = await client.callTool({ name: 'get_event_artifact',
      arguments: { run_id: 'r', seq: 1, field_path: 'stdout' } });
    assert.match(text(pointer), /field_path: must be a JSON Pointer/);
  });

  test('an unknown tool is a JSON-RPC -32602 error', async () => {
    await assert.rejects(client.callTool({ name: 'spawn', arguments: {} }),
      (e) => e instanceof McpError && e.code === -32602);
  });

  test('a cancelled poll stops and gets no response; the server carries on', async () => {
    const spawned = await client.callTool({ name: 'spawn_run', arguments: {
      backend: 'codex', role: 'worker', prompt: '[running] wait', cwd: CWD, session_mode: 'new' } });
    const runId = spawned.structuredContent.run_id;
    const abort = new AbortController();
    const poll = client.callTool({ name: 'poll_events',
      arguments: { run_id: runId, after_seq: 1, wait_ms: 30000 } }, undefined, { signal: abort.signal });
    await client.ping();
    abort.abort('changed my mind');
    await assert.rejects(poll);
    // Later calls work, and no response to the cancelled request turned up.
    const run = await client.callTool({ name: 'get_run', arguments: { run_id: runId } });
    assert.equal(run.structuredContent.status, 'running');
    await client.ping();
    assert.deepEqual(errors, []);
  });
});

describe('orchestration-mcp over the real hub', { skip: !REAL }, () => {
  test('answers initialize and tools/list; an empty state lists no runs; unknown runs are tool errors', async () => {
    const state = fs.mkdtempSync(path.join(os.tmpdir(), 'agenthub-sdk-client-'));
    const { client } = await connect(REAL, ['--state-dir', state]);
    try {
      const { tools } = await client.listTools();
      assert.equal(tools.length, 7);
      const listed = await client.callTool({ name: 'list_runs', arguments: {} });
      assert.ok(!listed.isError, text(listed));
      assert.deepEqual(listed.structuredContent.runs, []);
      const unknown = await client.callTool({ name: 'get_run', arguments: { run_id: 'no-such-run' } });
      assert.equal(unknown.isError, true);
      assert.match(text(unknown), /^get_run failed \(not_found\): /);
    } finally {
      await client.close();
      fs.rmSync(state, { recursive: true, force: true });
    }
  });
});
