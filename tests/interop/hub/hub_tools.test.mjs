// The real orchestration-mcp (hub inside) driven by the official MCP SDK client over stdio,
// against real A2A agents: our a2a-echo-agent and the @a2a-js/sdk reference agent with a
// v1.0-only card and with a v0.3-style card, each behind a bearer token. Every tool, the
// input-required / continue flow, cancel, resume, artifact paging, bad arguments, and a dead
// agent URL. (The SDK client checks every structuredContent against the tool's outputSchema.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import {
  assertContiguous,
  echoAgent,
  fails,
  jsAgent,
  ok,
  startHub,
  terminalEvents,
  text,
  textMessage,
  waitEvent,
  waitStatus,
} from './hub_support.mjs';

const TOKEN = 'interop-token-5e1f';

const AGENTS = [
  { name: 'a2a-echo-agent', start: () => echoAgent(TOKEN) },
  { name: '@a2a-js/sdk agent with a v1.0-only card', start: () => jsAgent('v1', TOKEN) },
  { name: '@a2a-js/sdk agent with a v0.3-style card', start: () => jsAgent('v03card', TOKEN) },
];

for (const { name, start } of AGENTS) {
  describe(`orchestration-mcp against ${name}`, () => {
    let hub;
    let agent;
    let config;
    const runIds = [];

    const spawnRun = async (prompt, extra = {}) => {
      const spawned = await ok(hub.client, 'spawn_run', {
        backend: 'remote_a2a',
        role: 'worker',
        prompt,
        cwd: hub.cwd,
        session_mode: 'new',
        backend_config: config,
        ...extra,
      });
      runIds.push(spawned.run_id);
      return spawned;
    };

    before(async () => {
      agent = await start();
      hub = await startHub();
      config = { agent_url: agent.url, auth_token: TOKEN };
    });
    after(async () => {
      await hub?.close();
      await agent?.stop();
    });

    test('spawn_run, poll_events, input_required, continue_run, get_run', async () => {
      const spawned = await spawnRun('ask: which colour?');
      assert.equal(spawned.backend, 'remote_a2a');
      assert.equal(spawned.role, 'worker');
      assert.ok(spawned.session_id);
      const asked = await waitStatus(hub.client, spawned.run_id, ['input_required']);
      assert.equal(asked.events[0].type, 'run_started');
      const question = asked.events.find((e) => e.type === 'input_required');
      assert.ok(question, JSON.stringify(asked.events));
      assert.match(question.data.message, /question: which colour\? \(reply to continue\)/);

      const continued = await ok(hub.client, 'continue_run', {
        run_id: spawned.run_id,
        input_message: textMessage('blue'),
      });
      assert.equal(continued.run_id, spawned.run_id);
      assert.ok(['running', 'completed'].includes(continued.status), continued.status);

      const done = await waitStatus(hub.client, spawned.run_id, ['completed']);
      assertContiguous(done.events);
      assert.equal(done.events[0].type, 'run_started');
      assert.equal(terminalEvents(done.events).length, 1);
      assert.equal(done.events.at(-1).type, 'run_completed');
      assert.equal(done.events.at(-1).data.final_response, 'echo: blue');

      const run = await ok(hub.client, 'get_run', { run_id: spawned.run_id });
      assert.equal(run.status, 'completed');
      assert.equal(run.result.final_response, 'echo: blue');
      assert.equal(run.error, null);
      assert.equal(run.cwd, hub.cwd);
      assert.equal(run.remote_ref.agent_url, agent.url);
      assert.ok(run.remote_ref.context_id);
      assert.ok(run.remote_ref.task_id);
      assert.equal(run.last_seq, done.events.at(-1).seq);
    });

    test('continue_run on a run that does not wait for input is refused', async () => {
      const spawned = await spawnRun('plain');
      await waitStatus(hub.client, spawned.run_id, ['completed']);
      await fails(hub.client, 'continue_run',
        { run_id: spawned.run_id, input_message: textMessage('more') },
        /continue_run failed \(failed_precondition\): .*is completed/);
    });

    test('resume with session_id continues in the same remote context', async () => {
      const first = await spawnRun('first');
      await waitStatus(hub.client, first.run_id, ['completed']);
      const second = await spawnRun('second', { session_mode: 'resume', session_id: first.session_id });
      assert.equal(second.session_id, first.session_id);
      await waitStatus(hub.client, second.run_id, ['completed']);
      const a = await ok(hub.client, 'get_run', { run_id: first.run_id });
      const b = await ok(hub.client, 'get_run', { run_id: second.run_id });
      assert.equal(b.result.final_response, 'echo: second');
      assert.equal(b.remote_ref.context_id, a.remote_ref.context_id);
      assert.notEqual(b.remote_ref.task_id, a.remote_ref.task_id);
    });

    test('cancel_run stops a slow run for good', async () => {
      const spawned = await spawnRun('slow: take your time');
      await waitEvent(hub.client, spawned.run_id, 'agent_message');  // it is working
      const cancelled = await ok(hub.client, 'cancel_run', { run_id: spawned.run_id });
      assert.equal(cancelled.status, 'cancelled');
      assert.ok(cancelled.cancelled_at);
      const again = await ok(hub.client, 'cancel_run', { run_id: spawned.run_id });
      assert.equal(again.status, 'cancelled');
      const { events } = await waitStatus(hub.client, spawned.run_id, ['cancelled']);
      assert.equal(terminalEvents(events).length, 1);
      assert.equal(events.at(-1).type, 'status_changed');
      assert.equal(events.at(-1).data.status, 'cancelled');
      const run = await ok(hub.client, 'get_run', { run_id: spawned.run_id });
      assert.equal(run.status, 'cancelled');
    });

    test('get_event_artifact pages a moved field back exactly', async () => {
      // 40 KB: over the sanitizer's limits, under the reference server's 100 KB body limit.
      let big = '';
      for (let i = 0; big.length < 40 * 1024; i++) big += `line ${i} ünï ✓\n`;
      const expected = `echo: ${big}`;
      const spawned = await spawnRun(big);
      const { events } = await waitStatus(hub.client, spawned.run_id, ['completed']);
      const moved = events.find((e) => e.type === 'artifact_added');
      assert.ok(moved, JSON.stringify(events.map((e) => e.type)));
      const ref = moved.data.artifact_refs['/text'];
      assert.ok(ref, JSON.stringify(moved.data));
      assert.equal(ref.total_bytes, Buffer.byteLength(expected));
      assert.ok(moved.data.text.length < expected.length);

      const chunks = [];
      let offset = 0;
      for (let pages = 0; pages < 100; pages++) {
        const page = await ok(hub.client, 'get_event_artifact',
          { run_id: spawned.run_id, seq: moved.seq, field_path: '/text', offset, limit: 10000 });
        assert.equal(page.offset, offset);
        assert.equal(page.field_path, '/text');
        chunks.push(page.content);
        offset += page.returned_bytes;
        if (!page.has_more) break;
      }
      assert.equal(chunks.join(''), expected);
      await fails(hub.client, 'get_event_artifact',
        { run_id: spawned.run_id, seq: moved.seq, field_path: '/text', offset: offset + 1 },
        /offset/);
      const run = await ok(hub.client, 'get_run', { run_id: spawned.run_id });
      assert.equal(run.result.final_response, expected);
    });

    test('list_runs filters by cwd, status and backend', async () => {
      const listed = await ok(hub.client, 'list_runs', { cwd: hub.cwd });
      const ids = listed.runs.map((r) => r.run_id);
      for (const id of runIds) assert.ok(ids.includes(id), id);
      const cancelled = await ok(hub.client, 'list_runs', { cwd: hub.cwd, status: 'cancelled' });
      assert.ok(cancelled.runs.length >= 1);
      assert.ok(cancelled.runs.every((r) => r.status === 'cancelled'));
      const codex = await ok(hub.client, 'list_runs', { backend: 'codex' });
      assert.deepEqual(codex.runs, []);
      const elsewhere = path.join(hub.dir, 'elsewhere');
      mkdirSync(elsewhere);
      assert.deepEqual((await ok(hub.client, 'list_runs', { cwd: elsewhere })).runs, []);
    });
  });
}

describe('orchestration-mcp: bad arguments and failing agents', () => {
  let hub;
  let agent;
  let doneRun;

  before(async () => {
    agent = await echoAgent();
    hub = await startHub();
    const spawned = await ok(hub.client, 'spawn_run', {
      backend: 'remote_a2a', role: 'worker', prompt: 'hello', cwd: hub.cwd, session_mode: 'new',
      backend_config: { agent_url: agent.url } });
    await waitStatus(hub.client, spawned.run_id, ['completed']);
    doneRun = spawned.run_id;
  });
  after(async () => {
    await hub?.close();
    await agent?.stop();
  });

  const base = () => ({
    backend: 'remote_a2a', role: 'worker', prompt: 'x', cwd: hub.cwd, session_mode: 'new',
    backend_config: { agent_url: agent.url },
  });
  const without = (key) => {
    const args = base();
    delete args[key];
    return args;
  };

  test('spawn_run: missing required fields are named', async () => {
    for (const key of ['backend', 'role', 'cwd', 'session_mode']) {
      await fails(hub.client, 'spawn_run', without(key), new RegExp(`${key}`));
    }
    const all = await fails(hub.client, 'spawn_run', {});
    for (const key of ['backend', 'role', 'cwd', 'session_mode']) assert.match(all, new RegExp(key));
  });

  test('spawn_run: wrong types', async () => {
    await fails(hub.client, 'spawn_run', { ...base(), backend: 5 }, /backend/);
    await fails(hub.client, 'spawn_run', { ...base(), backend: 'gpt' }, /backend/);
    await fails(hub.client, 'spawn_run', { ...base(), role: ['worker'] }, /role/);
    await fails(hub.client, 'spawn_run', { ...base(), timeout_s: 'soon' }, /timeout_s/);
    await fails(hub.client, 'spawn_run', { ...base(), timeout_s: 0 }, /timeout_s/);
    await fails(hub.client, 'spawn_run', { ...base(), metadata: 'm' }, /metadata/);
    await fails(hub.client, 'spawn_run', { ...base(), output_schema: [1] }, /output_schema/);
    await fails(hub.client, 'spawn_run',
      { ...base(), backend_config: { agent_url: agent.url, headers: { X: 1 } } }, /headers/);
    await fails(hub.client, 'spawn_run',
      { ...base(), backend_config: { agent_url: agent.url, blocking: 'yes' } }, /blocking/);
    await fails(hub.client, 'spawn_run', { ...base(), surprise: true }, /surprise/);
  });

  test('spawn_run: cwd must be an existing absolute directory', async () => {
    await fails(hub.client, 'spawn_run', { ...base(), cwd: 'relative/dir' }, /cwd: must be an absolute path/);
    await fails(hub.client, 'spawn_run', { ...base(), cwd: path.join(hub.dir, 'missing') }, /does not exist/);
    const file = path.join(hub.dir, 'a-file');
    writeFileSync(file, 'x');
    await fails(hub.client, 'spawn_run', { ...base(), cwd: file }, /not a directory/);
  });

  test('spawn_run: session and task', async () => {
    await fails(hub.client, 'spawn_run', { ...base(), session_mode: 'resume' }, /session_id/);
    await fails(hub.client, 'spawn_run', { ...base(), session_mode: 'resume', session_id: 'nope' },
      /session_id nope not found/);
    await fails(hub.client, 'spawn_run', without('prompt'), /prompt/);
    await fails(hub.client, 'spawn_run', { ...base(), prompt: '' }, /prompt/);
    await fails(hub.client, 'spawn_run',
      { ...without('prompt'), input_message: { role: 'user', parts: [{ type: 'image' }] } },
      /input_message/);
    await fails(hub.client, 'spawn_run',
      { ...without('prompt'), input_message: { role: 'user', parts: [] } }, /input_message/);
  });

  test('spawn_run: remote_a2a settings', async () => {
    await fails(hub.client, 'spawn_run', without('backend_config'), /backend_config/);
    await fails(hub.client, 'spawn_run', { ...base(), backend_config: {} }, /agent_url/);
    await fails(hub.client, 'spawn_run', { ...base(), backend_config: { agent_url: 'ftp://x' } },
      /agent_url: must be an http:\/\/ or https:\/\/ URL/);
    await fails(hub.client, 'spawn_run', { ...base(), profile: 'no-such-persona.md' }, /profile/);
  });

  test('unknown run_id for every run tool', async () => {
    const id = 'no-such-run-0001';
    const re = new RegExp(`not_found.*${id}`);
    await fails(hub.client, 'get_run', { run_id: id }, re);
    await fails(hub.client, 'poll_events', { run_id: id, after_seq: 0, wait_ms: 0 }, re);
    await fails(hub.client, 'cancel_run', { run_id: id }, re);
    await fails(hub.client, 'continue_run', { run_id: id, input_message: textMessage('x') }, re);
    await fails(hub.client, 'get_event_artifact', { run_id: id, seq: 1, field_path: '/text' }, re);
  });

  test('poll_events and get_event_artifact argument errors', async () => {
    await fails(hub.client, 'poll_events', { run_id: doneRun }, /after_seq/);
    await fails(hub.client, 'poll_events', { run_id: doneRun, after_seq: -1 }, /after_seq/);
    await fails(hub.client, 'poll_events', { run_id: doneRun, after_seq: 'a' }, /after_seq/);
    await fails(hub.client, 'poll_events', { run_id: doneRun, after_seq: 0, limit: 0 }, /limit/);
    await fails(hub.client, 'poll_events', { run_id: doneRun, after_seq: 0, wait_ms: 60000 }, /wait_ms/);
    await fails(hub.client, 'get_event_artifact', { run_id: doneRun, seq: 1, field_path: 'stdout' },
      /field_path: must be a JSON Pointer/);
    await fails(hub.client, 'get_event_artifact', { run_id: doneRun, seq: 1, field_path: '/prompt' });
    await fails(hub.client, 'get_event_artifact', { run_id: doneRun, seq: 0, field_path: '/x' }, /seq/);
    await fails(hub.client, 'get_event_artifact', { run_id: doneRun, seq: 9999, field_path: '/x' });
    await fails(hub.client, 'continue_run', { run_id: doneRun }, /input_message/);
  });

  test('an unknown tool is a JSON-RPC -32602 error', async () => {
    await assert.rejects(hub.client.callTool({ name: 'spawn_runs', arguments: {} }),
      (e) => e instanceof McpError && e.code === -32602);
  });

  test('a dead agent_url fails that run, naming the URL; the server keeps answering', async () => {
    const doomed = await echoAgent();
    const deadUrl = doomed.url;
    await doomed.stop();
    const spawned = await ok(hub.client, 'spawn_run', {
      ...base(), prompt: 'anyone there?', backend_config: { agent_url: deadUrl } });
    const { events } = await waitStatus(hub.client, spawned.run_id, ['failed']);
    assert.equal(events.at(-1).type, 'run_failed');
    const run = await ok(hub.client, 'get_run', { run_id: spawned.run_id });
    assert.ok(run.error.includes(deadUrl), run.error);
    await hub.client.ping();
    const listed = await ok(hub.client, 'list_runs', { status: 'failed' });
    assert.ok(listed.runs.some((r) => r.run_id === spawned.run_id));
    const fine = await ok(hub.client, 'spawn_run', { ...base(), prompt: 'still fine' });
    const done = await waitStatus(hub.client, fine.run_id, ['completed']);
    assert.equal(done.events.at(-1).data.final_response, 'echo: still fine');
  });

  test('text stays compact: a summary, not the structuredContent again', async () => {
    const result = await hub.client.callTool({ name: 'get_run', arguments: { run_id: doneRun } });
    const structured = JSON.stringify(result.structuredContent);
    assert.notEqual(text(result), structured);
    assert.notEqual(text(result), JSON.stringify(result.structuredContent, null, 2));
    assert.ok(!text(result).includes('\n  "'), text(result));
  });
});
