#!/usr/bin/env bash
# The reconnect storm (issue 19): what a restart (an upgrade, a crash) sends a server, every client back at once
# into a process that has just started. For each target, a fresh server pinned to CPU 0; the moment it listens,
# 10,000 clients (bench/loadgen, scenario "storm", pinned to CPU 1) connect and log in, 500 at a time, and the time
# until the last is in is taken; then, for the gateway, every client's network drops at once (no close frame) and
# each resumes its session with its token. The gateway (the bundle, with bench/gateway-bench.args) beside the `ws`
# tutorial relay (bench/loadgen/peers/ws-relay.mjs), STORM_REPEAT (3) times, interleaved. Writes OUT.json for
# bench/targets.mjs (the "Reconnect storm" section of docs/benchmarks.md). About a minute and a half.
#
# Usage: bench/storm.sh OUT.json
# Needs the bundle (mvn -o -B -q package -pl distribution -am -DskipTests) and node. Loopback only; bounded: each
# load generator run gives up by itself, each server is stopped after its run.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
. "$repo/bench/lib/pinned-server.sh"
. "$repo/bench/lib/section.sh"
clients=${STORM_CLIENTS:-10000}
repeat=${STORM_REPEAT:-3}
lines=$(mktemp)
logs="${out%.json}-logs"
mkdir -p "$logs"

server_cmd() { # TARGET PORT
  case $1 in
    gateway) echo "$gateway --port $2 $bench_args" ;;
    ws-relay) echo "node $loadgen/peers/ws-relay.mjs $2" ;;
  esac
}

started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
for i in $(seq "$repeat"); do
  for target in gateway ws-relay; do
    port=$(free_port)
    start_pinned "$(server_cmd "$target" "$port")" "$logs/$target.$i.log"
    if [ -z "$listener" ]; then
      echo "[storm] $target did not listen on $port; see $logs/$target.$i.log" >&2
    else
      taskset -c 1 node "$loadgen/loadgen.mjs" --target "$target" --port "$port" --scenario storm --conns "$clients" \
        --concurrency 500 --server-pid "$listener" --label "$target" >>"$lines" 2> >(tail -1 >&2) \
        || echo "[storm] the load generator failed against $target" >&2
    fi
    stop_pinned
  done
done
node -e '
  const fs = require("fs");
  const runs = fs.readFileSync(process.argv[1], "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));
  fs.writeFileSync(process.argv[2], JSON.stringify({ startedAt: process.argv[3], clients: Number(process.argv[4]), runs }, null, 1) + "\n");
' "$lines" "$out" "$started" "$clients"
rm -f "$lines"
