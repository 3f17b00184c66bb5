#!/usr/bin/env bash
# XMPP bridge load figure: Jingle call setups per second that go from the gateway through a real
# Prosody and back into the gateway, beside the same calls made client to client through the same Prosody.
#
#   bridged:  WebSocket client alice -> gateway (account alice@localhost) -> Jingle -> Prosody -> gateway
#             (account bob@localhost) -> WebSocket client bob; bob's answer and alice's hang-up go the same way back.
#   baseline: XMPP client carol@localhost -> Prosody -> XMPP client dave@localhost, two StanzaJS clients in the
#             driver (TCP, STARTTLS, stream management, carbons: as the gateway's accounts log in), no gateway.
# Each bridged call: offer (Chromium's audio+video SDP, candidates included) -> XEP-0353 propose, ringing,
# proceed -> session-initiate -> offer at bob -> answer -> session-accept (+ XEP-0353 accept) -> answer at alice
# -> bye -> session-terminate (+ XEP-0353 finish) -> bye at bob: every step leaves the gateway on one XMPP client
# connection (TLS) and comes back on the other through Prosody. Each baseline call is the same stanzas between
# carol and dave (the same SDP as Jingle; bench/lib/jingle-baseline.mjs says which). At most CONCURRENT calls at
# a time, after WARMUP calls of each through the same paths (the JITs compile meanwhile: the figure is about the
# gateway warm, as it runs in service); then ROUNDS rounds of CALLS calls, baseline then bridged.
# Setups/s: calls answered / seconds from the first offer sent to the last answer received; the setup
# latency is the caller's offer sent -> its answer received (alice's offer -> her answer; carol's propose ->
# her session-accept). CPU per call: each program's CPU time during the run / the calls placed.
# The judge (bench/lib/judge.mjs) reads the last line, `summary-json: {...}`, for issue 19's two targets: the
# gateway's CPU per bridged call at most Prosody's in the same run, and the bridged set-up p99 at most twice the
# baseline's.
# The driver (bench/xmpp-load.mjs) starts Prosody from the project's own cfg (e2e/lib/prosody.mjs) and
# the bundle with the shipped distribution/src/conf/xmpp-prosody-example.yaml (call.max-per-user raised
# to 2 x CONCURRENT, no per-connection message rate limit), and says why each failed call failed, with
# the gateway's WARN/ERROR lines and call notices of the bridged runs (whole logs in the state folder).
# A callee takes at most 8 XEP-0353 proposals waiting for their session-initiate at a time
# (XmppCalls.MAX_PROCEEDED, a bound against floods of proposes); above that the bridge refuses them busy,
# which this counts as failed calls, as they are: with CONCURRENT above 8 some calls fail that way.
# The gateway runs with the bundle's JVM options (conf/jvm.options), plus JAVA_OPTS when set.
#
# Usage: bench/xmpp-load.sh [CALLS] [CONCURRENT] [WARMUP] [ROUNDS]     (defaults 2000 20 500 2)
# Needs the bundle (mvn -B -q -o -DskipTests package, outside the namespace), prosody (with lua-unbound),
# openssl, and node with e2e's npm packages (e2e/install.sh). Loopback only: it re-runs itself inside
# scripts/netns-run.sh. Bounded: CALLS and WARMUP at most 20000, CONCURRENT 1000, ROUNDS 5, each call at most
# 10 s, each run (warm-up, measured) at most 150 s and all runs together 290 s in the driver (runs that would
# start later are reported as not run), the whole script at most 6 minutes.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${GW_NETNS:-}" != 1 ]; then exec "$repo/scripts/netns-run.sh" timeout 360 "$0" "$@"; fi
CALLS="${1:-2000}"; CONCURRENT="${2:-20}"; WARMUP="${3:-500}"; ROUNDS="${4:-2}"
[[ "$CALLS$CONCURRENT$WARMUP$ROUNDS" =~ ^[0-9]+$ ]] && [ "$CONCURRENT" -ge 1 ] && [ "$ROUNDS" -ge 1 ] \
  || { echo "usage: $0 [CALLS] [CONCURRENT] [WARMUP] [ROUNDS]" >&2; exit 2; }
[ "$CALLS" -le 20000 ] && [ "$WARMUP" -le 20000 ] || { echo "at most 20000 calls (and warm-up calls)" >&2; exit 2; }
[ "$CONCURRENT" -le 1000 ] || { echo "at most 1000 calls at a time" >&2; exit 2; }
[ "$ROUNDS" -le 5 ] || { echo "at most 5 rounds" >&2; exit 2; }
gw="${GATEWAY_BIN:-$repo/distribution/target/gateway/bin/gateway}" # GATEWAY_BIN: another bundle (as e2e/run.sh takes)
[ -x "$gw" ] || { echo "no bundle at $gw: mvn -B -q -o -DskipTests package" >&2; exit 2; }
[ -d "$repo/e2e/node_modules/ws" ] && [ -d "$repo/e2e/node_modules/stanza" ] || { echo "no e2e/node_modules: e2e/install.sh (outside the namespace)" >&2; exit 2; }
command -v prosody >/dev/null || { echo "prosody not found: scripts/install-test-deps.sh (outside the namespace)" >&2; exit 2; }
state="$(mktemp -d /tmp/gw-xmpp-load-XXXXXX)"
trap 'echo "bench/xmpp-load.sh: failed at line $LINENO (state: $state)" >&2' ERR
cleanup() { # the gateway and Prosody, should the driver have died without stopping them (it writes their pids)
  [ -s "$state/pids" ] || return 0
  while read -r pid what; do
    [ -n "$pid" ] && grep -qF "$what" "/proc/$pid/cmdline" 2>/dev/null && kill "$pid" 2>/dev/null || true
  done <"$state/pids"; }
trap cleanup EXIT

# The driver starts Prosody and the gateway and stops them (at the end, or on the SIGTERM of its own
# timeout, 30 s before the whole script's), and leaves their logs in $state.
timeout -k 10 330 node "$repo/bench/xmpp-load.mjs" "$CALLS" "$CONCURRENT" "$WARMUP" "$ROUNDS" "$state" 2>"$state/driver.err" \
  || { echo "the driver failed:" >&2; tail -40 "$state/driver.err" >&2; exit 1; }
echo "state (gateway and Prosody logs): $state"
