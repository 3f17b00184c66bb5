#!/usr/bin/env bash
# Installs what the browser tests need, outside the namespace (it has no network).
# Idempotent: does nothing that is already done.
set -euo pipefail
cd "$(dirname "$0")"
if [ "${GW_NETNS:-}" = 1 ]; then
  echo "install.sh: run this outside the namespace (there is no network inside)" >&2
  exit 2
fi
if [ ! -x /usr/bin/chromium ]; then
  sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium
fi
# npm ci only when nothing is installed yet or the lock file changed since.
if [ ! -f node_modules/.install-stamp ] || [ package-lock.json -nt node_modules/.install-stamp ]; then
  npm ci --no-audit --no-fund
  touch node_modules/.install-stamp
fi
# StanzaJS as one browser script (xmpp.test.mjs loads it into a page): built once per install.
node build-bundles.mjs
echo "install.sh: chromium $(/usr/bin/chromium --version 2>/dev/null | tail -1 | awk '{print $2}'), e2e node_modules and StanzaJS bundle ready"
