#!/usr/bin/env bash
# What the protections against a hostile client cost a well-behaved one (issue 19): the gateway's closed-loop relay
# (bench/loadgen, scenario "relay", 64 pairs, 8 messages in flight each) with bench/gateway-bench.args, which turn the
# per-connection message rate limit and the per-address connection cap off, beside the same with both on at bounds
# this load never reaches (websocket.messages-per-second 100000, websocket.max-connections-per-address 10000).
# Pings, idle timeouts, frame and write-buffer bounds are on in both (they cannot be turned off). The gateway pinned to
# CPU 0, the load generator to CPU 1, 30 s of warm-up and 10 s measured, BOUNDS_REPEAT (3) times,
# interleaved. Writes OUT.json for bench/targets.mjs (the "Protections' cost" section of docs/benchmarks.md).
# About 5 minutes.
#
# Usage: bench/bounds.sh OUT.json
# Needs the bundle (mvn -o -B -q package -pl distribution -am -DskipTests) and node. Loopback only; bounded: each
# load generator run gives up by itself, each server is stopped after its run.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
. "$repo/bench/lib/pinned-server.sh"
. "$repo/bench/lib/section.sh"
repeat=${BOUNDS_REPEAT:-3}
lines=$(mktemp)
logs="${out%.json}-logs"
mkdir -p "$logs"
# The same arguments, the two protections the load generator needs off put back on, beyond what it sends.
bounded_args="$bench_args --websocket.messages-per-second 100000 --websocket.max-connections-per-address 10000"


started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
for i in $(seq "$repeat"); do
  for variant in off on; do
    port=$(free_port)
    args=$([ "$variant" = off ] && echo "$bench_args" || echo "$bounded_args")
    start_pinned "$gateway --port $port $args" "$logs/$variant.$i.log"
    if [ -z "$listener" ]; then
      echo "[bounds] the gateway ($variant) did not listen on $port; see $logs/$variant.$i.log" >&2
    else
      taskset -c 1 node "$loadgen/loadgen.mjs" --target gateway --port "$port" --scenario relay --pairs 64 --window 8 \
        --warmup 30 --duration 10 --server-pid "$listener" --label "protections-$variant" >>"$lines" 2> >(tail -1 >&2) \
        || echo "[bounds] the load generator failed ($variant)" >&2
    fi
    stop_pinned
  done
done
node -e '
  const fs = require("fs");
  const runs = fs.readFileSync(process.argv[1], "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));
  fs.writeFileSync(process.argv[2], JSON.stringify({ startedAt: process.argv[3], runs }, null, 1) + "\n");
' "$lines" "$out" "$started"
rm -f "$lines"
