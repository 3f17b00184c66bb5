#!/usr/bin/env bash
# The cluster benchmark (issue 17; bench/cluster/bench.mjs, profile "bench"): relay throughput and round-trip
# latency between users on different gateway nodes (through Redis) and on the same node, beside a single gateway
# without cluster mode, with 1, 2 and 3 nodes of the bundle on one redis-server, the servers pinned to CPU 0 and
# the load generator (bench/loadgen) to CPU 1. Writes the result (JSON) to OUT and the servers' logs into
# OUT's name without .json, plus "-logs/"; bench/targets.mjs makes the "Cluster (issue 17)" section of
# docs/benchmarks.md from it. About 8 minutes on a quiet machine; up to 20 on a busy one (each run waits up to 30 s for quiet
# first, and a disturbed run is tried again).
#
# Usage: bench/cluster.sh OUT.json
# Needs the bundle (mvn -o -B -q package -pl distribution -am -DskipTests -DskipCds) and redis-server
# (scripts/install-test-deps.sh). Loopback only: it re-runs itself inside scripts/netns-run.sh. Bounded: every
# load generator run gives up by itself; the whole script at most 25 minutes.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${GW_NETNS:-}" != 1 ]; then exec "$repo/scripts/netns-run.sh" timeout 1500 "$0" "$@"; fi
[ $# -eq 1 ] || { echo "usage: $0 OUT.json" >&2; exit 2; }
out=$(realpath -m "$1")
[ -x "${GATEWAY_BIN:-$repo/distribution/target/gateway/bin/gateway}" ] || { echo "no bundle: mvn -o -B -q package -pl distribution -am -DskipTests -DskipCds" >&2; exit 2; }
command -v redis-server >/dev/null || { echo "no redis-server: scripts/install-test-deps.sh (outside the namespace)" >&2; exit 2; }
logs="${out%.json}-logs"
mkdir -p "$logs"
timeout -k 10 1480 node "$repo/bench/cluster/bench.mjs" bench "$out" "$logs"
