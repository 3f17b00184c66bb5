#!/usr/bin/env bash
# Installs what the browser tests need, outside the namespace (it has no network).
# Idempotent: does nothing that is already done.
set -euo pipefail
cd "$(dirname "$0")"
if [ "${GW_NETNS:-}" = 1 ]; then
  echo "install.sh: run this outside the namespace (there is no network inside)" >&2
  exit 2
fi
# Debian packages: Chromium, and coturn (turn.test.mjs starts its own on loopback).
sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v turnserver >/dev/null 2>&1 || missing+=(coturn)
if [ ${#missing[@]} -gt 0 ]; then
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# The package enables its own coturn service on every address (port 3478); the tests want none of it.
if [ -d /run/systemd/system ] && systemctl is-enabled coturn >/dev/null 2>&1; then
  "${sudo[@]}" systemctl disable --now coturn >/dev/null 2>&1 || true
fi
# npm ci only when nothing is installed yet or the lock file changed since.
if [ ! -f node_modules/.install-stamp ] || [ package-lock.json -nt node_modules/.install-stamp ]; then
  npm ci --no-audit --no-fund
  touch node_modules/.install-stamp
fi
# StanzaJS as one browser script (xmpp.test.mjs loads it into a page): built once per install.
node build-bundles.mjs
echo "install.sh: chromium $(/usr/bin/chromium --version 2>/dev/null | tail -1 | awk '{print $2}'), e2e node_modules and StanzaJS bundle ready"
