# Sourced by the scripts that measure one section of docs/benchmarks.md (bench/storm.sh, bench/bounds.sh,
# bench/cold.sh), after they set $repo: checks the one argument (OUT.json) and the bundle, and sets
#   $out        OUT.json, absolute
#   $gateway    the bundle's bin/gateway (GATEWAY_BIN: another one)
#   $bench_args the gateway's flags under the load generator (bench/gateway-bench.args, one line)
#   $loadgen    bench/loadgen, its npm packages installed
[ $# -eq 1 ] || { echo "usage: $0 OUT.json" >&2; exit 2; }
out=$(realpath -m "$1")
gateway=${GATEWAY_BIN:-$repo/distribution/target/gateway/bin/gateway}
[ -x "$gateway" ] || { echo "no bundle: mvn -o -B -q package -pl distribution -am -DskipTests" >&2; exit 2; }
bench_args=$(grep -v '^#' "$repo/bench/gateway-bench.args" | tr '\n' ' ')
loadgen=$repo/bench/loadgen
[ -d "$loadgen/node_modules/ws" ] || (cd "$loadgen" && npm ci --no-audit --no-fund --loglevel=error >&2)
