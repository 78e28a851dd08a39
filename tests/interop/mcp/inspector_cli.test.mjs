// orchestration-mcp-fake driven by the MCP inspector's CLI mode (one process per call).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const FAKE = process.env.ORCHESTRATION_MCP_FAKE;
assert.ok(FAKE, 'set ORCHESTRATION_MCP_FAKE to the orchestration-mcp-fake binary');
const INSPECTOR = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname),
  '../node_modules/.bin/mcp-inspector');

async function inspector(...args) {
  const { stdout } = await run(INSPECTOR, ['--cli', FAKE, ...args], { timeout: 60000 });
  return JSON.parse(stdout);
}

describe('MCP inspector CLI', () => {
  test('tools/list', async () => {
    const { tools } = await inspector('--method', 'tools/list');
    assert.deepEqual(tools.map((t) => t.name), ['spawn_run', 'get_run', 'poll_events', 'cancel_run',
      'continue_run', 'list_runs', 'get_event_artifact']);
  });

  test('tools/call spawn_run with key=value arguments', async () => {
    const result = await inspector('--method', 'tools/call', '--tool-name', 'spawn_run',
      '--tool-arg', 'backend=codex', 'role=worker', 'prompt=hello', `cwd=${os.tmpdir()}`,
      'session_mode=new');
    assert.equal(result.isError, undefined);
    assert.equal(result.structuredContent.status, 'input_required');
    assert.match(result.content[0].text, /^run run-0001 input_required \(codex\/worker\)/);
  });

  test('tools/call with numeric arguments and an isError result', async () => {
    const result = await inspector('--method', 'tools/call', '--tool-name', 'poll_events',
      '--tool-arg', 'run_id=run-0042', 'after_seq=0', 'wait_ms=0');
    assert.equal(result.isError, true);
    assert.match(result.content[0].text, /^poll_events failed \(not_found\): /);
  });
});
