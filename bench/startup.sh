#!/usr/bin/env bash
# Start-up time of the distribution bundle: from exec to its "listening on" log line, pinned to
# one core like the benchmarks, 5 times. Prints one JSON line.
set -euo pipefail
cd "$(dirname "$0")/.."
gateway=${GATEWAY_BIN:-distribution/target/gateway/bin/gateway}
log=$(mktemp)
times=()
for i in 1 2 3 4 5; do
  start=$(date +%s%N)
  taskset -c 0 "$gateway" --port 0 >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1000); do grep -q "listening on" "$log" && break; sleep 0.005; done
  end=$(date +%s%N)
  grep -q "listening on" "$log" || { kill "$pid"; echo "gateway did not start; see $log" >&2; exit 1; }
  times+=($(( (end - start) / 1000000 )))
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
done
rm -f "$log"
printf '{"startup_ms":[%s]}\n' "$(IFS=,; echo "${times[*]}")"
