#!/usr/bin/env bash
# `make demo`: one Codex agent run orchestrated over MCP -> hub -> A2A -> codex-a2a-agent ->
# the real Codex CLI, offline against the bundled mock model unless AGENTHUB_DEMO_REAL=1
# (then your own Codex login and configuration are used). See examples/demo/demo_main.cc.
set -euo pipefail
bin_dir="${1:?usage: scripts/demo.sh <bin dir> [--real] [--keep]}"
shift
for tool in agenthub-demo orchestration-mcp codex-a2a-agent mock-model-server; do
  [[ -x "$bin_dir/$tool" ]] || { echo "demo: $bin_dir/$tool is missing (run 'make build')" >&2; exit 1; }
done
exec "$bin_dir/agenthub-demo" "$@"
