#!/usr/bin/env bash
# Runs every check and test: installs what they need (npm dependencies; etcd from Debian when root),
# builds, lints (including the house rule that only the API server imports storage), then runs the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --system
echo "test: lint"
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --list-different .; echo "test: formatting differs (npm run format)" >&2; exit 1; }
npx depcruise src --config .dependency-cruiser.cjs
echo "test: unit, integration and end-to-end tests"
mapfile -t files < <(find dist -name '*.test.js' | sort)
node --test --test-concurrency=2 "${files[@]}"
