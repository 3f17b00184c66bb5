# Sourced by bench/run.sh and bench/idle-max.sh: sets $harness, the load generator and baselines to
# run: BENCH_HARNESS when set, else ../shared/bench (the team's yardstick) when it is there, else the
# project's copy of it in bench/loadgen (for a user without ../shared). Run from the project root.
harness=${BENCH_HARNESS:-}
if [ -z "$harness" ]; then
  if [ -x ../shared/bench/run-baselines.sh ]; then harness=$(cd ../shared/bench && pwd); else harness=$PWD/bench/loadgen; fi
fi
