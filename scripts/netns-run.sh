#!/usr/bin/env bash
# Runs a command in a fresh network namespace whose only interface is loopback
# (127.0.0.1/::1): nothing inside can reach or even see another address, so
# WebRTC host candidates, mDNS and stray traffic are loopback-only by construction.
# The browsers AND the gateway they talk to must run inside the same namespace.
# Inside there is no network: install first (scripts/install-test-deps.sh), outside.
# Usage: scripts/netns-run.sh CMD [ARGS...]     e.g. scripts/netns-run.sh e2e/run.sh
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 CMD [ARGS...]" >&2; exit 2; }
if [ "${GW_NETNS:-}" = 1 ]; then exec "$@"; fi   # already inside
if [ "$(id -u)" = 0 ]; then ns=(unshare --net); else ns=(unshare --user --map-root-user --net); fi
# shellcheck disable=SC2016
exec "${ns[@]}" env GW_NETNS=1 bash -c 'ip link set lo up && exec "$@"' netns-run "$@"
