#!/usr/bin/env bash
# Installs what Skiff needs and builds it. With --system (as root) it also installs the Debian packages the
# tests use (etcd). Safe to run again: it only installs what is missing or changed.
set -euo pipefail
cd "$(dirname "$0")/.."

system=0
for arg in "$@"; do [ "$arg" = --system ] && system=1; done

if [ "$system" = 1 ]; then
  need=()
  command -v etcd >/dev/null 2>&1 || need+=(etcd-server)
  command -v etcdctl >/dev/null 2>&1 || need+=(etcd-client)
  if [ "${#need[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "install: Debian packages ${need[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    else
      echo "install: the tests need ${need[*]}: run as root, or install them yourself" >&2
      exit 1
    fi
  fi
fi

if ! command -v node >/dev/null 2>&1 || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "install: Skiff needs Node.js 20 or newer" >&2
  exit 1
fi

# npm dependencies (better-sqlite3 compiles from source: about two minutes the first time).
stamp=node_modules/.skiff-install-stamp
hash=$(cat package.json package-lock.json | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$hash" ]; then
  echo "install: npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$hash" >"$stamp"
fi

rm -rf dist
npx tsc -p tsconfig.json
