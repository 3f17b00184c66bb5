#!/usr/bin/env bash
# SIP bridge load figure: call setups per second that go through Kamailio INTO the gateway and OUT
# again, against the same sipp calls going sipp -> Kamailio -> sipp with no gateway in the path.
#
#   bridged:  sipp UAC (as 1002) -> Kamailio -> gateway (account 1001 = WebSocket user "alice", a
#             relay bot that re-offers every incoming call to sip:1003) -> gateway -> Kamailio
#             -> sipp UAS (registered as 1003); answer, ACK and BYE travel the same way back.
#   baseline: sipp UAC (as 1002) -> Kamailio -> sipp UAS (1003).
# Each call: INVITE (407, digest) -> 100/180 -> 200 -> ACK -> BYE -> 200, hung up at once.
# Both are measured with the same sipp settings, at most CONCURRENT calls at a time and RATE new
# calls/s (the default is high enough not to hold either back). The bridged run follows WARMUP calls
# through the same path: the figure is about the gateway warm, as it runs in service. 4,000 were not
# enough on a shared 2-core machine: C2 was still compiling for ~40 % of the gateway's CPU in the
# measured run, and after 12,000 or 20,000 still 2.3-3.2 s of the gateway's 9-11 CPU-s: JAIN-SIP is a lot of
# code for one C2 thread that shares the machine with Kamailio and the sipps. After 40,000 (~40 s) C2 takes
# ~0.1 s of the measured run (docs/performance.md, section 9).
# The line "gateway threads" shows the C2 compiler's share of each run.
# The gateway runs with SIP_LOAD_JAVA_OPTS (default -Xms2g -Xmx2g): JAIN-SIP keeps each call's
# dialogs and transactions for SIP's retransmission timers (up to 32 s after the call, ~40 KB a call),
# so N calls/s need about N x 1.3 MB of heap; with 1 GB the ~1,000 calls/s of this load put the gateway
# into overload after ~40 s (new calls 503, bridge.heap-limit-percent), and before that G1's concurrent
# marking ran all through the measured run; with the bundle's 256 MB it answers 503 from ~200 calls/s on.
# Both show here as failed calls.
#
# CPU: each program's CPU seconds during a run are read from /proc for the processes this script
# started (and their children), not by program name: the machine is shared, and other Java or
# Kamailio processes on it (builds, tests) must not count. "others" is every other process on the machine
# (those that ended during the run not counted): large values there mean a disturbed run.
# The "result" lines are for bench/lib/judge.mjs (issue 19: the gateway's CPU per bridged call at most
# Kamailio's for the same calls); the line after it splits the gateway's CPU by thread.
# SIP_LOAD_JFR=/path/file.jfr also records the measured (warm) bridged run with JFR (settings=profile, or
# the .jfc file SIP_LOAD_JFR_SETTINGS names). JFR starts with the gateway: started later, it made the JIT
# compile much of the code again, in the measured run. SIP_LOAD_GATEWAY runs another bundle (A/B runs);
# SIP_LOAD_GATEWAY_ARGS adds gateway flags (e.g. "--sip.requests-per-second 0": the one proxy is every request's source).
#
# Usage: bench/sip-load.sh [CALLS] [CONCURRENT] [RATE] [WARMUP]     (defaults 6000 100 5000 40000)
# Needs the bundle (mvn -B -q -DskipTests package), kamailio, sipp (sip-tester) and node with e2e's
# npm packages (e2e/install.sh). Loopback only: it re-runs itself inside scripts/netns-run.sh.
# Bounded: CALLS at most 20000 (WARMUP 60000), every sipp has -timeout, the whole run at most 10 minutes.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${GW_NETNS:-}" != 1 ]; then exec "$repo/scripts/netns-run.sh" timeout 600 "$0" "$@"; fi
CALLS="${1:-6000}"; CONCURRENT="${2:-100}"; RATE="${3:-5000}"; WARMUP="${4:-40000}"
[ "$CALLS" -le 20000 ] && [ "$WARMUP" -le 60000 ] || { echo "at most 20000 calls (60000 warm-up calls)" >&2; exit 2; }
JAVA_HEAP="${SIP_LOAD_JAVA_OPTS:--Xms2g -Xmx2g}"
gw="${SIP_LOAD_GATEWAY:-$repo/distribution/target/gateway/bin/gateway}"
[ -x "$gw" ] || { echo "no bundle at $gw: mvn -B -q -DskipTests package" >&2; exit 2; }
cfg="$repo/sip-bridge/src/test/resources/kamailio/kamailio.cfg"
scen="$repo/sip-bridge/src/test/resources/sipp"
state="$(mktemp -d /tmp/gw-sip-load-XXXXXX)"
pids=()
trap 'echo "bench/sip-load.sh: failed at line $LINENO (state: $state)" >&2' ERR
cleanup() { # newest first: the gateway un-REGISTERs while Kamailio is still there
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[$i]}" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# Kamailio on 5060 (a fresh namespace: nothing else is there), digest auth on, small logs. Its shared memory (-m,
# MB) holds every transaction until tm's wait timer ends: the warm-up's and the baseline's tail are still there when
# the bridged run starts, and 256 MB ran out in it (tm "out of mem", 500s to sipp: ~1,300 calls failed).
sed 's/^debug=2/debug=1/' "$cfg" >"$state/kamailio.cfg"
kamailio -DD -E -f "$state/kamailio.cfg" -Y "$state" -m 1024 -M 16 -A SIP_PORT=5060 -A WITH_AUTH >"$state/kamailio.log" 2>&1 &
kamailio_pid=$!
pids+=($!)
for _ in $(seq 100); do [ -n "$(ss -Hlun 'sport = :5060')" ] && break; sleep 0.1; done

sipp_common=(-i 127.0.0.1 -nostdin -timeout 300s -key domain 127.0.0.1 -max_socket 2000)

# The callee: sipp UAS registered at Kamailio as 1003. Its -m has room for stray ACKs of
# retransmitted 200 OKs, which sipp counts as (failed) calls of their own.
sipp -sf "$scen/uas.xml" -p 5070 "${sipp_common[@]}" -m $((4 * (CALLS + WARMUP))) >"$state/uas.out" 2>&1 &
callee_pid=$!
pids+=($!)
for _ in $(seq 100); do [ -n "$(ss -Hlun 'sport = :5070')" ] && break; sleep 0.1; done
sipp -sf "$scen/register.xml" -s 1003 -key contact_port 5070 -p 5071 -au 1003 -ap pw1003 -m 1 "${sipp_common[@]}" \
  127.0.0.1:5060 >"$state/register.out" 2>&1 || { echo "REGISTER 1003 failed"; cat "$state/register.out"; exit 1; }

cpu_of_ours() { # "name seconds" lines: CPU used so far by each process this script started (with its
  # children), the calling sipp (this shell's waited-for children: cutime + cstime), and "pid:N seconds" for
  # every other process. A process may end between the glob and the cat: not an error.
  local roots="gateway=${gateway_pid:-0} kamailio=$kamailio_pid callee-sipp=$callee_pid relay-bot=${bot_pid:-0}" self=$BASHPID
  { { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v roots="$roots" -v self="$self" '
    { match($0, /.*\) /); rest = substr($0, RLENGTH + 1); split(rest, f, " ")
      pid = $1 + 0; parent[pid] = f[2] + 0; cpu[pid] = (f[12] + f[13]) / 100
      if (pid == self) waited = (f[14] + f[15]) / 100 }
    END { n = split(roots, r, " ")
      for (i = 1; i <= n; i++) { split(r[i], kv, "="); if (kv[2] > 0) name[kv[2] + 0] = kv[1]; total[kv[1]] = 0 }
      for (p in cpu) { q = p + 0; while (q > 1 && !(q in name) && q != self) q = parent[q]
        if (q in name) total[name[q]] += cpu[p]; else if (q != self) print "pid:" p, cpu[p] }
      for (k in total) print k, total[k]; print "caller-sipp", waited }'; } | LC_ALL=C sort -k1,1; }

gateway_threads() { # "thread seconds" lines: CPU used so far by each of the gateway's threads (by name)
  for t in /proc/"$gateway_pid"/task/[0-9]*; do cat "$t/stat" 2>/dev/null || true; done \
    | awk '{ match($0, /\(.*\)/); name = substr($0, RSTART + 1, RLENGTH - 2); gsub(/[0-9]+$/, "#", name); gsub(/ /, "_", name)
             rest = substr($0, RSTART + RLENGTH + 1); split(rest, f, " "); s[name] += (f[12] + f[13]) / 100 }
           END { for (n in s) print n, s[n] }' | LC_ALL=C sort -k1,1; }

run_uac() { # $1 = name, $2 = number to call, $3 = calls; prints "<successful> <failed> <seconds>"
  # Seconds = from the first call to the last successful one (sipp's per-second statistics),
  # so calls that end in a timeout do not stretch the figure.
  cpu_of_ours >"$state/$1-cpu-before"
  [ -n "${gateway_pid:-}" ] && gateway_threads >"$state/$1-threads-before"
  sipp -sf "$scen/uac-load.xml" -s "$2" -key caller 1002 -au 1002 -ap pw1002 -p 5072 "${sipp_common[@]}" \
    -m "$3" -l "$CONCURRENT" -r "$RATE" -trace_stat -stf "$state/$1-stat.csv" -fd 1 \
    -trace_err -error_file "$state/$1-errors.log" 127.0.0.1:5060 >"$state/$1.out" 2>&1 || true
  cpu_of_ours >"$state/$1-cpu-after"
  [ -n "${gateway_pid:-}" ] && gateway_threads >"$state/$1-threads-after"
  if [ ! -s "$state/$1-stat.csv" ]; then # sipp did not run: say why, count every call as failed
    echo "sipp ($1) wrote no statistics:" >&2; tail -5 "$state/$1.out" >&2; echo "0 $3 1"; return; fi
  awk -F';' 'NR > 1 { split($3, t, "\t"); if (NR == 2) start = t[3]; if ($16 != ok) { ok = $16; last = t[3] } fail = $18 }
    END { printf "%d %d %.1f\n", ok, fail, (last > start ? last - start : 1) }' \
    "$state/$1-stat.csv"
}

# Baseline: sipp -> Kamailio -> sipp.
read -r b_ok b_fail b_s < <(run_uac baseline 1003 "$CALLS")

# The gateway with the example configuration (alice = 1001, bob = 1002 registered at Kamailio),
# without the per-connection limits a single relay bot would hit.
jfr_opts=""
if [ -n "${SIP_LOAD_JFR:-}" ]; then jfr_opts="-XX:StartFlightRecording=name=sip-load-warm-up,settings=${SIP_LOAD_JFR_SETTINGS:-profile}"; fi
JAVA_OPTS="$JAVA_HEAP ${JAVA_OPTS:-} $jfr_opts" "$gw" --config "$repo/distribution/src/conf/sip-kamailio-example.yaml" --port 8080 --sip.port 5080 \
  --call.max-per-user 10000 --call.attempts-per-minute 0 --websocket.messages-per-second 0 --sip.keepalive-interval 0 ${SIP_LOAD_GATEWAY_ARGS:-} >"$state/gateway.log" 2>&1 &
gateway_pid=$!
pids+=($!)
for _ in $(seq 300); do grep -q "sip:1001@127.0.0.1 registered" "$state/gateway.log" && break; sleep 0.1; done
grep -q "sip:1001@127.0.0.1 registered" "$state/gateway.log" || { echo "gateway did not register"; tail -30 "$state/gateway.log"; exit 1; }

# The relay bot: logged in as alice (account 1001), it passes every call from SIP on to sip:1003.
node --input-type=module -e "
import WebSocket from '$repo/e2e/node_modules/ws/wrapper.mjs';
const ws = new WebSocket('ws://127.0.0.1:8080/ws');
const send = (m) => ws.send(JSON.stringify(m));
ws.on('open', () => send({ type: 'login', name: 'alice' }));
ws.on('message', (raw) => {
  const m = JSON.parse(raw);
  if (m.type === 'ok' && m.name) console.log('relay bot logged in');
  else if (m.type === 'offer' && !m.call.startsWith('out-')) {
    send({ type: 'offer', to: 'sip:1003@127.0.0.1', call: 'out-' + m.call, sdp: m.sdp });
    send({ type: 'candidate', call: 'out-' + m.call, candidate: null });
  } else if (m.type === 'answer' && m.call.startsWith('out-')) {
    const c = m.call.slice(4);
    send({ type: 'answer', call: c, sdp: m.sdp });
    send({ type: 'candidate', call: c, candidate: null });
  } else if (m.type === 'bye') {
    send({ type: 'bye', call: m.call.startsWith('out-') ? m.call.slice(4) : 'out-' + m.call });
  }
});
" >"$state/bot.log" 2>&1 &
bot_pid=$!
pids+=($!)
for _ in $(seq 50); do grep -q "logged in" "$state/bot.log" && break; sleep 0.1; done

if [ "$WARMUP" -gt 0 ]; then read -r w_ok w_fail w_s < <(run_uac warmup 1001 "$WARMUP"); fi
if [ -n "${SIP_LOAD_JFR:-}" ]; then
  { jcmd "$gateway_pid" JFR.stop name=sip-load-warm-up; jcmd "$gateway_pid" JFR.start name=sip-load settings="${SIP_LOAD_JFR_SETTINGS:-profile}" filename="$SIP_LOAD_JFR"; } >"$state/jfr.out" 2>&1
fi
read -r g_ok g_fail g_s < <(run_uac bridged 1001 "$CALLS")
if [ -n "${SIP_LOAD_JFR:-}" ]; then jcmd "$gateway_pid" JFR.stop name=sip-load >>"$state/jfr.out" 2>&1; fi

rate() { echo "scale=1; $1 / $2" | bc; }
echo "calls=$CALLS concurrent=$CONCURRENT rate-limit=$RATE/s; gateway warmed up with $WARMUP calls (${w_ok:-0} ok), JVM $JAVA_HEAP"
echo "baseline  sipp -> Kamailio -> sipp:                     $b_ok ok, $b_fail failed, ${b_s}s, $(rate "$b_ok" "$b_s") call setups/s"
echo "bridged   sipp -> Kamailio -> gateway -> Kamailio -> sipp: $g_ok ok, $g_fail failed, ${g_s}s, $(rate "$g_ok" "$g_s") call setups/s"
used() { # $1 = run name, $2 = kind (cpu, threads): "name seconds" used during that run
  LC_ALL=C join -a 2 "$state/$1-$2-before" "$state/$1-$2-after" | awk 'NF == 3 { print $1, $3 - $2 } NF == 2 { print $1, $2 }'; }
cpu_used() { # $1 = run name: "name seconds" per program during that run; "others" sums every other process
  used "$1" cpu | awk '/^pid:/ { others += $2; next } { print } END { printf "others %.2f\n", others }'; }
result() { # $1 = run name, $2 ok, $3 failed, $4 seconds: one JSON line for bench/lib/judge.mjs
  cpu_used "$1" | awk -v run="$1" -v ok="$2" -v failed="$3" -v secs="$4" '{ gsub(/-/, "_", $1); c[$1] = $2 }
    END { printf "result %s {\"calls_ok\":%d,\"calls_failed\":%d,\"seconds\":%s,\"cpu_s\":{", run, ok, failed, secs
      printf "\"gateway\":%.2f,\"kamailio\":%.2f,\"relay_bot\":%.2f,\"callee_sipp\":%.2f,\"caller_sipp\":%.2f,\"others\":%.2f}}\n",
        c["gateway"], c["kamailio"], c["relay_bot"], c["callee_sipp"], c["caller_sipp"], c["others"] }'; }
human() { awk '$2 > 0.05 || $1 == "others" { printf "%s%s %.1fs", sep, $1, $2; sep = ", " }'; }
echo "CPU used during the baseline run: $(cpu_used baseline | human)"
echo "CPU used during the bridged run:  $(cpu_used bridged | human)"
result baseline "$b_ok" "$b_fail" "$b_s"
result bridged "$g_ok" "$g_fail" "$g_s"
echo "gateway threads during the bridged run: $(used bridged threads | sort -k2 -rn | awk '$2 > 0.05 { printf "%s%s %.1fs", sep, $1, $2; sep = ", " }')"
echo "state (logs, sipp stats): $state"
