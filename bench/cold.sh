#!/usr/bin/env bash
# Cold start (issue 19): the harness's scenarios in the first seconds after each server starts, the gateway beside
# the `ws` relay. Each run gets a server started for it (run-baselines.sh does that for every run), measured from
# 0.5 s after it listens, for COLD_DURATION seconds (5), with no warm-up; the relay COLD_REPEAT times (3). What a
# restart sends a gateway: clients back at once into a JVM that has compiled nothing yet.
#
#   bench/cold.sh OUT.json      (bench/run.sh runs it; --cold-only alone)
#
# Writes OUT.json: { startedAt, duration, repeat, delay, runs: [the harness's result lines] }, and the harness's own
# folder (logs, table) beside it as OUT-harness/. Needs the bundle (GATEWAY_BIN: another one) and node; the harness
# is BENCH_HARNESS (bench/run.sh passes its own), else ../shared/bench when it is there, else bench/loadgen.
# Bounded: two targets, 3 + 4 runs each, every run bounded by the harness (about 3 minutes in all).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
. bench/lib/harness.sh
. bench/lib/section.sh
duration=${COLD_DURATION:-5}
repeat=${COLD_REPEAT:-3}
folder="${out%.json}-harness"
rm -rf "$folder"
gateway_cmd="$gateway --port {port} $bench_args"
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
(cd "$harness" && ./run-baselines.sh --targets ws-relay --gateway-cmd "$gateway_cmd" --gateway-name gateway \
  --warmup 0 --duration "$duration" --repeat "$repeat" --out "$folder") >&2
node -e '
  const fs = require("fs");
  const [file, out, startedAt, duration, repeat] = process.argv.slice(1);
  const runs = fs.readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));
  // The load generator waits 0.5 s after the server listens before a scenario other than the storm (loadgen.mjs).
  fs.writeFileSync(out, JSON.stringify({ startedAt, duration: Number(duration), repeat: Number(repeat), delay: 0.5, runs }, null, 1) + "\n");
' "$folder/results.jsonl" "$out" "$started" "$duration" "$repeat"
