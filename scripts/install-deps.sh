#!/usr/bin/env bash
# Installs what agenthub needs to build and test, and nothing when it is all there already.
# apt packages as root (or through sudo); Node test peers with `npm ci` from the committed lock.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"

apt_packages=(
  cmake g++ make pkg-config
  libcpp-httplib-dev nlohmann-json3-dev libspdlog-dev libssl-dev
  libgtest-dev libgmock-dev
  nodejs npm
)

missing=()
for pkg in "${apt_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    # nodejs/npm may come from outside Debian (e.g. a preinstalled Node); accept the commands.
    if [[ "$pkg" == nodejs && -x "$(command -v node)" ]] || [[ "$pkg" == npm && -x "$(command -v npm)" ]]; then
      continue
    fi
    missing+=("$pkg")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "install-deps: need root or sudo for apt-get" >&2; exit 1; }
    sudo_cmd=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# Node peers (A2A SDK, MCP SDK and inspector, the real codex and claude CLIs), pinned by the lock.
node_dir="$root/tests/interop"
stamp="$node_dir/node_modules/.agenthub-lock-stamp"
if [[ -f "$node_dir/package-lock.json" ]]; then
  if [[ ! -f "$stamp" ]] || ! cmp -s "$node_dir/package-lock.json" "$stamp"; then
    echo "install-deps: npm ci in tests/interop" >&2
    (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
    cp "$node_dir/package-lock.json" "$stamp"
  fi
fi
