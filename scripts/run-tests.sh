#!/usr/bin/env bash
# Runs every CTest test of a preset and ends with one line saying what ran, by label.
set -uo pipefail
preset="${1:-release}"
shift || true
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

ctest --preset "$preset" -j"${JOBS:-2}" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

summary=$(awk '/^Label Time Summary:/{on=1; next} on && NF==0 {on=0} on {gsub(/[()]/,""); printf "%s%s %s", sep, $1, $(NF-1); sep=", "}' "$log")
totals=$(grep -E '^[0-9]+% tests passed' "$log" | tail -1)
echo "agenthub tests (${preset}): ${totals:-no tests ran} | by label: ${summary:-none}"
exit "$status"
