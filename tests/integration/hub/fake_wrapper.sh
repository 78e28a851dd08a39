#!/usr/bin/env bash
# A stand-in for codex-a2a-agent / claude-a2a-agent in hub tests: runs a2a-echo-agent behind a
# fresh bearer token and prints the wrappers' ready line {"agent_url", "token"} on stdout.
# It ignores the hub's own flags (--host, --port, --state-dir ...) and understands:
#   --echo-agent PATH   the a2a-echo-agent binary (required)
#   --report FILE       append its argv, PATH, working directory and token there (one start:
#                       four lines)
set -euo pipefail

all_args="$*"
echo_agent=""
report=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --echo-agent) echo_agent="$2"; shift 2 ;;
    --report) report="$2"; shift 2 ;;
    *) shift ;;
  esac
done
if [[ -z "$echo_agent" ]]; then
  echo "fake_wrapper: --echo-agent is required" >&2
  exit 2
fi

token="wrapper-token-$$-$RANDOM$RANDOM"
if [[ -n "$report" ]]; then
  printf 'argv=%s\nPATH=%s\npwd=%s\ntoken=%s\n' "$all_args" "$PATH" "$PWD" "$token" >> "$report"
fi

coproc AGENT { exec "$echo_agent" --token "$token"; }
agent_pid=$AGENT_PID
read -r url <&"${AGENT[0]}"
trap 'kill -TERM "$agent_pid" 2>/dev/null || true; wait "$agent_pid" || true; exit 0' TERM INT
printf '{"agent_url":"%s","token":"%s","backend":"fake"}\n' "$url" "$token"
wait "$agent_pid"
