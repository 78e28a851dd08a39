#!/usr/bin/env bash
# `make demo`: starts a2a-echo-agent on a random port, sends it one message over A2A
# (JSON-RPC SendStreamingMessage, answered as Server-Sent Events) and prints each state the
# task goes through, then stops the agent. Uses curl until the C++ client has a CLI.
set -euo pipefail

die() {
  echo "demo: $*" >&2
  exit 1
}

bin_dir="${1:-}"
[[ -n "$bin_dir" ]] || die "usage: scripts/demo.sh <bin dir>"
agent="$bin_dir/a2a-echo-agent"
[[ -x "$agent" ]] || die "$agent is missing or not executable (run 'make build' first)"
command -v curl >/dev/null || die "curl is needed for the demo"

workdir="$(mktemp -d)"
agent_pid=""
cleanup() {
  if [[ -n "$agent_pid" ]] && kill -0 "$agent_pid" 2>/dev/null; then
    kill -TERM "$agent_pid" 2>/dev/null || true
    wait "$agent_pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'exit 141' PIPE

"$agent" --port 0 >"$workdir/url" 2>"$workdir/agent.log" &
agent_pid=$!

# The agent prints its URL as one line once it is listening.
for _ in $(seq 100); do
  [[ -s "$workdir/url" ]] && break
  if ! kill -0 "$agent_pid" 2>/dev/null; then
    cat "$workdir/agent.log" >&2
    die "a2a-echo-agent exited before it was ready"
  fi
  sleep 0.1
done
url="$(head -n1 "$workdir/url")"
[[ "$url" == http://* ]] || die "a2a-echo-agent did not print its URL within 10 s"

card="$(curl -fsS --max-time 10 "$url/.well-known/agent-card.json")" ||
  die "could not fetch the agent card from $url"
name="$(grep -o '"name":"[^"]*"' <<<"$card" | head -n1 | cut -d'"' -f4)"
echo "agent:   $name at $url"

text="hello from make demo"
request='{"jsonrpc":"2.0","id":1,"method":"SendStreamingMessage","params":{"message":'
request+='{"messageId":"demo-1","role":"ROLE_USER","parts":[{"text":"'"$text"'"}]}}}'
echo "sending: \"$text\" (SendStreamingMessage)"
echo

final=""
events=0
while IFS= read -r line; do
  line="${line%$'\r'}"
  [[ "$line" == data:* ]] || continue
  events=$((events + 1))
  if grep -q '"error":' <<<"$line"; then
    die "the agent answered with an error: ${line#data: }"
  fi
  kind="$(sed -n 's/.*"result":{"\([A-Za-z]*\)".*/\1/p' <<<"$line")"
  state="$(grep -o '"state":"TASK_STATE_[A-Z_]*"' <<<"$line" | head -n1 | cut -d'"' -f4 || true)"
  said="$(grep -o '"text":"[^"]*"' <<<"$line" | tail -n1 | cut -d'"' -f4 || true)"
  printf '  %-15s %-24s %s\n' "$kind" "${state:--}" "${said:+\"$said\"}"
  [[ -n "$state" ]] && final="$state"
done < <(curl -fsSN --max-time 30 \
  -H 'Content-Type: application/json' -H 'A2A-Version: 1.0' \
  -d "$request" "$url/a2a/jsonrpc" || echo "data: {\"error\":\"curl failed\"}")

echo
[[ "$events" -gt 0 ]] || die "the stream carried no events"
echo "final state: $final ($events events)"
[[ "$final" == TASK_STATE_COMPLETED ]] || die "the task did not complete"
