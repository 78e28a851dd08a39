// The real orchestration-mcp driven by the MCP inspector's CLI mode (one server process per
// call, sharing one state dir): tools/list, spawn_run against a2a-echo-agent, then get_run from
// a fresh server process, which finds the run by its id alone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { INSPECTOR, MCP, echoAgent, privateEnv, tempDir } from './hub_support.mjs';

const run = promisify(execFile);

describe('orchestration-mcp through the MCP inspector CLI', () => {
  let agent;
  let scratch;
  let cwd;

  before(async () => {
    agent = await echoAgent();
    scratch = tempDir('agenthub-hub-inspector');
    cwd = path.join(scratch.dir, 'project');
    mkdirSync(cwd, { recursive: true });
  });
  after(async () => {
    await agent?.stop();
    scratch?.remove();
  });

  // The inspector passes options it does not know on to the server (its own, like
  // --log-level, it keeps), so the state dir travels as one --state-dir=DIR argument.
  async function inspector(...args) {
    const { stdout } = await run(
      INSPECTOR,
      ['--cli', MCP, `--state-dir=${path.join(scratch.dir, 'state')}`, ...args],
      { timeout: 60000, env: privateEnv(scratch.dir) },
    );
    return JSON.parse(stdout);
  }

  test('tools/list', async () => {
    const { tools } = await inspector('--method', 'tools/list');
    assert.deepEqual(tools.map((t) => t.name), ['spawn_run', 'get_run', 'poll_events',
      'cancel_run', 'continue_run', 'list_runs', 'get_event_artifact']);
  });

  test('tools/call spawn_run, then get_run from another server process', async () => {
    const spawned = await inspector('--method', 'tools/call', '--tool-name', 'spawn_run',
      '--tool-arg', 'backend=remote_a2a', 'role=worker', 'prompt=hello inspector', `cwd=${cwd}`,
      'session_mode=new', `backend_config={"agent_url":"${agent.url}"}`);
    assert.equal(spawned.isError, undefined, JSON.stringify(spawned));
    const runId = spawned.structuredContent.run_id;
    assert.ok(runId);
    assert.match(spawned.content[0].text, new RegExp(`^run ${runId} `));

    // The first server exited with the inspector: the run finished, or it is still on the agent
    // and this second server takes it over, or it had not reached the agent yet and failed as
    // orphaned. Either way it is found by id and never left running without an owner.
    const got = await inspector('--method', 'tools/call', '--tool-name', 'get_run',
      '--tool-arg', `run_id=${runId}`);
    assert.equal(got.isError, undefined, JSON.stringify(got));
    assert.equal(got.structuredContent.run_id, runId);
    assert.equal(got.structuredContent.cwd, cwd);
    const status = got.structuredContent.status;
    assert.ok(['completed', 'running', 'failed'].includes(status), status);
    if (status === 'completed') {
      assert.equal(got.structuredContent.result.final_response, 'echo: hello inspector');
    } else if (status === 'failed') {
      assert.match(got.structuredContent.error, /orphaned/);
    }
  });
});
