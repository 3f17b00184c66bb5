#!/usr/bin/env bash
# The hostile-client soak (bench/hostile/soak.mjs, profile "bench"): the bundle at its shipped defaults,
# pinned to CPU 0, under thousands of malformed, oversized, half-open and slow connections, first from one
# address (127.0.0.2), then from twenty (127.0.0.10-29), while 20 pairs of legitimate users call and message
# each other and two more log in and out over and over, from 127.0.0.1 (on CPU 1, the attackers niced beside
# them). Writes the result (JSON) to OUT and the gateway's log beside it; bench/targets.mjs makes the
# "Hostile clients" section of docs/benchmarks.md from it. About 6 minutes.
#
# Usage: bench/hostile.sh OUT.json
# Needs the bundle (mvn -B -q -o -DskipTests package) and e2e's npm packages (e2e/install.sh, outside the
# namespace). Loopback only: it re-runs itself inside scripts/netns-run.sh. Bounded: the soak's phases are
# bounded in time and every attacking process in connections and time; the whole script at most 10 minutes.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${GW_NETNS:-}" != 1 ]; then exec "$repo/scripts/netns-run.sh" timeout 600 "$0" "$@"; fi
[ $# -eq 1 ] || { echo "usage: $0 OUT.json" >&2; exit 2; }
out=$(realpath -m "$1")
[ -x "${GATEWAY_BIN:-$repo/distribution/target/gateway/bin/gateway}" ] || { echo "no bundle: mvn -B -q -o -DskipTests package" >&2; exit 2; }
[ -d "$repo/e2e/node_modules/ws" ] || { echo "no e2e/node_modules: e2e/install.sh (outside the namespace)" >&2; exit 2; }
# A process may hold 20,000 files here: the gateway and each attacking process stay well below it.
ulimit -n "$(ulimit -Hn)"
timeout -k 10 580 node "$repo/bench/hostile/soak.mjs" bench "$out" "${out%.json}-gateway.log"
