#!/usr/bin/env bash
# Starts a Skiff cluster on this machine: installs and builds what is needed, then runs `skiff server`.
# Flags are passed on (see `bin/skiff server --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec bin/skiff server "$@"
