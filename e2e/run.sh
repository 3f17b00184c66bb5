#!/usr/bin/env bash
# Runs the browser end-to-end tests. Installs nothing; run e2e/install.sh first (outside).
# Only inside the loopback-only namespace:   scripts/netns-run.sh e2e/run.sh [node --test args]
# The gateway under test: GATEWAY_BIN (default distribution/target/gateway/bin/gateway).
set -euo pipefail
if [ "${GW_NETNS:-}" != 1 ]; then
  echo "run.sh: refusing to run outside the loopback-only namespace; use: scripts/netns-run.sh e2e/run.sh" >&2
  exit 2
fi
cd "$(dirname "$0")"
[ -d node_modules/playwright-core ] || { echo "run.sh: node_modules missing; run e2e/install.sh first (outside the namespace)" >&2; exit 2; }
[ -x /usr/bin/chromium ] || { echo "run.sh: /usr/bin/chromium missing; run e2e/install.sh first" >&2; exit 2; }
# Arguments: test files (default: all *.test.mjs) and node --test options, e.g.
#   --test-name-pattern=room
files=(); opts=()
for a in "$@"; do case "$a" in *.test.mjs) files+=("$a") ;; *) opts+=("$a") ;; esac; done
[ ${#files[@]} -gt 0 ] || files=(./*.test.mjs)
# One test file at a time: each starts its own gateway and Chromium, and 2 cores are plenty for one.
exec node --test --test-concurrency=1 "${opts[@]}" "${files[@]}"
