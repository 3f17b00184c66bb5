#!/usr/bin/env bash
# Measures the gateway side by side with the Node.js baselines people use instead (the raw frame
# forwarder and the `ws` tutorial relay), in the same run of the same harness: each server pinned to
# CPU 0, the load generator to CPU 1, loopback only, every run bounded in time. Then measures
# start-up time (bench/startup.sh) and memory per idle connection at the most connections one process
# may hold here (bench/idle-max.sh), and the hostile-client soak (bench/hostile.sh: thousands of
# malformed, oversized, half-open and slow connections while legitimate users call and message),
# the same scenarios cold, in each server's first seconds (bench/cold.sh), and writes docs/benchmarks.md
# with every target of issues 5 and 19 marked met or not.
#
#   bench/run.sh [--quick] [--sip] [--xmpp] [--cluster] [--out DIR]   (other options go to run-baselines.sh)
#   bench/run.sh --hostile-only [--reuse DIR] [--out DIR]
#   bench/run.sh --cluster-only [--reuse DIR] [--out DIR]
#   bench/run.sh --storm-only [--reuse DIR] [--out DIR]
#   bench/run.sh --bounds-only [--reuse DIR] [--out DIR]
#   bench/run.sh --cold-only [--reuse DIR] [--out DIR]
#   bench/run.sh --xmpp-only [--reuse DIR] [--out DIR]
#   bench/run.sh --sip-only [--reuse DIR] [--out DIR]
#
# --hostile-only runs only the hostile-client soak (~6 minutes), --cluster-only only the cluster benchmark
# (~8 minutes), --storm-only only the reconnect storm (bench/storm.sh, ~2 minutes),
# --bounds-only only the protections' cost on the relay (bench/bounds.sh, ~5 minutes), --cold-only only the harness's
# scenarios in the first seconds after each server starts (bench/cold.sh, ~3 minutes), --xmpp-only only the XMPP
# bridge's Jingle calls beside client-to-client ones (bench/xmpp-load.sh, ~3 minutes), --sip-only only the SIP
# bridge's calls beside sipp-to-sipp ones (bench/sip-load.sh, ~6 minutes), and writes docs/benchmarks.md with every other figure copied from an earlier run: DIR (a
# bench/results/ folder, of a full run or of another such partial run), by default the newest one. The
# document then says which figures come from which run.
# --cluster also runs bench/cluster.sh (redis-server and 1, 2, 3 gateway nodes: cross-node relay throughput
# and latency beside same-node and single-gateway figures; a figure: issue 17 sets no target).
# --sip also runs bench/sip-load.sh (Kamailio and sipp, in a loopback-only namespace) for the SIP
# bridge's call setups/s against sipp-to-sipp through the same Kamailio.
# --xmpp also runs bench/xmpp-load.sh (Prosody, in a loopback-only namespace) for the XMPP bridge's
# Jingle call setups/s, gateway -> Prosody -> gateway, beside the same calls client to client through the same
# Prosody (issue 19's targets: the gateway's CPU per call against Prosody's, the set-up p99 against the baseline's).
#
# Every target gets 30 s of warm-up before each measured window (the harness's default is 2 s), so
# the figures are each server's steady state, which is what a gateway that runs for weeks delivers.
# The JVM needs it: pinned to one core, its C2 compiler shares that core with the event loop and
# takes ~30 s to compile the connection life cycle (JFR: the compile queue drains at ~33 s; with
# 8 s a login costs ~2.5x its steady-state CPU, see docs/performance.md "JIT warm-up"). V8 warms up
# within a second or two, so the Node servers lose nothing by it. --warmup N overrides it.
#
# The harness is ../shared/bench (the team's yardstick) when it is there, else the copy of it in
# bench/loadgen; BENCH_HARNESS=DIR picks another (the cluster benchmark always uses bench/loadgen: it needs its
# --ports). Needs node and npm, and e2e's npm packages (e2e/install.sh) for the hostile-client soak; about 36
# minutes (--quick: 14, --sip: 5 more, --xmpp: 3 more, --cluster: 8 more; --hostile-only: 6, --cluster-only: 8, --storm-only: 2,
# --bounds-only: 5, --cold-only: 3, --xmpp-only: 3, --sip-only: 6).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
. bench/lib/harness.sh
out=$root/bench/results/$(date +%Y%m%d-%H%M%S)
args=(--warmup 30)
sip=false
xmpp=false
cluster=false
only=        # hostile, cluster, storm, bounds, cold, sip or xmpp: run that section only, copy the others
reuse=
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=$(realpath -m "$2"); shift ;;
    --hostile-only) only=hostile ;;
    --cluster-only) only=cluster ;;
    --storm-only) only=storm ;;
    --bounds-only) only=bounds ;;
    --cold-only) only=cold ;;
    --xmpp-only) only=xmpp ;;
    --sip-only) only=sip ;;
    --cluster) cluster=true ;;
    --reuse) reuse=$(realpath -m "$2"); shift ;;
    --sip) sip=true ;;
    --xmpp) xmpp=true ;;
    *) args+=("$1") ;;
  esac
  shift
done
mkdir -p "$out"

[ -x distribution/target/gateway/bin/gateway ] || mvn -B -q -DskipTests package
# The load generator floods by design: the per-client rate limit and per-address connection cap
# (protections against abusive clients) are off, and one network thread matches the one pinned core.
gateway_cmd="$root/distribution/target/gateway/bin/gateway --port {port} $(grep -v '^#' bench/gateway-bench.args | tr '\n' ' ')"

if [ -n "$only" ]; then
  if [ -z "$reuse" ]; then
    reuse=$(for d in "$root"/bench/results/*/; do
      [ -f "$d/results.jsonl" ] && [ "${d%/}" != "$out" ] && echo "${d%/}"
    done | sort | tail -1 || true) # the loop's last test fails on this run's own folder: no error under pipefail
  fi
  [ -n "$reuse" ] && [ -f "$reuse/results.jsonl" ] || {
    echo "bench/run.sh --$only-only: no earlier run to take the other figures from (--reuse DIR: a bench/results/ folder)" >&2
    exit 2; }
  rel() { realpath --relative-to="$root" "$1"; }
  for f in results.jsonl table.md startup.json idle-max.json sip.txt xmpp.txt; do
    [ "$only.txt" != "$f" ] || continue # sip.txt or xmpp.txt: this run's own with --sip-only or --xmpp-only
    [ ! -f "$reuse/$f" ] || cp -p "$reuse/$f" "$out/"
  done
  echo "$only" > "$out/ran.txt" # which section this run measured (targets.mjs)
  # sip.txt and xmpp.txt as DIR had them: measured by an --sip-only or --xmpp-only run (X-from.txt names it), or by
  # the full run; and whether the full run had --sip or --xmpp (its command line in docs/benchmarks.md), once a
  # partial run has replaced its X.txt (full-run-X.txt).
  for t in sip xmpp; do
    if [ "$only" != "$t" ] && [ -f "$reuse/$t.txt" ]; then
      if [ -f "$reuse/$t-from.txt" ]; then cp -p "$reuse/$t-from.txt" "$out/"
      elif [ "$(cat "$reuse/ran.txt" 2>/dev/null)" = "$t" ]; then rel "$reuse" > "$out/$t-from.txt"; fi
    fi
    if [ -f "$reuse/full-run-$t.txt" ]; then cp -p "$reuse/full-run-$t.txt" "$out/"
    elif [ -f "$reuse/$t.txt" ] && [ ! -f "$reuse/$t-from.txt" ] && [ "$(cat "$reuse/ran.txt" 2>/dev/null)" != "$t" ]; then
      echo yes > "$out/full-run-$t.txt"; fi
  done
  # Where the full run's figures come from: DIR itself, or the run DIR had copied them from.
  if [ -f "$reuse/reused-from.txt" ]; then cp -p "$reuse/reused-from.txt" "$out/"; else rel "$reuse" > "$out/reused-from.txt"; fi
  rel "$reuse" > "$out/reuse.txt"
  # The other partial section, as DIR had it, with where it was measured (X-from.txt).
  for section in hostile cluster storm bounds cold; do
    [ "$section" != "$only" ] && [ -f "$reuse/$section.json" ] || continue
    cp -p "$reuse/$section.json" "$out/"
    if [ -f "$reuse/$section-from.txt" ]; then cp -p "$reuse/$section-from.txt" "$out/"; else rel "$reuse" > "$out/$section-from.txt"; fi
  done
  echo "[bench] the $only section only, the other figures from $reuse; results: $out" >&2
else
  echo "[bench] harness: $harness; results: $out" >&2
  (cd "$harness" && ./run-baselines.sh --targets raw,ws-relay --gateway-cmd "$gateway_cmd" --gateway-name gateway \
    --out "$out" "${args[@]}")
  bench/startup.sh > "$out/startup.json"
  BENCH_HARNESS=$harness bench/idle-max.sh > "$out/idle-max.json"
  if $sip; then bench/sip-load.sh | tee "$out/sip.txt" >&2; fi
  if $xmpp; then bench/xmpp-load.sh | tee "$out/xmpp.txt" >&2; fi
fi
if [ -z "$only" ] || [ "$only" = hostile ]; then bench/hostile.sh "$out/hostile.json"; fi
if [ "$only" = cluster ] || { [ -z "$only" ] && $cluster; }; then bench/cluster.sh "$out/cluster.json"; fi
if [ -z "$only" ] || [ "$only" = storm ]; then bench/storm.sh "$out/storm.json"; fi
if [ -z "$only" ] || [ "$only" = bounds ]; then bench/bounds.sh "$out/bounds.json"; fi
if [ -z "$only" ] || [ "$only" = cold ]; then BENCH_HARNESS=$harness bench/cold.sh "$out/cold.json"; fi
if [ "$only" = sip ]; then bench/sip-load.sh | tee "$out/sip.txt" >&2; fi
if [ "$only" = xmpp ]; then bench/xmpp-load.sh | tee "$out/xmpp.txt" >&2; fi
node bench/targets.mjs "$out" "$harness" "$gateway_cmd" "${args[*]}" > docs/benchmarks.md
echo "[bench] wrote docs/benchmarks.md" >&2
