#!/usr/bin/env bash
# Runs the whole test suite: unit tests, integration tests against real peers, and the browser
# end-to-end tests, all inside a network namespace that has nothing but loopback (so no browser
# or peer traffic can leave the machine). Installs what it needs first.
#   scripts/test-all.sh
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-deps.sh

# The rules that mark each benchmark target met or not in docs/benchmarks.md, and the tally the XMPP benchmark
# keeps of its calls (no server, no network).
node --test bench/test/judge.test.mjs bench/test/cold.test.mjs bench/test/call-run.test.mjs

# Resolve every Maven artifact outside (plugins, test providers included), running no test:
# inside the namespace Maven must work offline. The same phases as the run inside.
mvn -B -q -Djunit.platform.execution.dryRun.enabled=true clean verify

# Inside: the build and its tests, then the short hostile-client soak against the bundle the build made
# (~40 s: bench/test/hostile.test.mjs), the cluster benchmark's harness at tiny counts (~30 s, two nodes on a
# real redis-server: bench/test/cluster.test.mjs), the browser tests, and every fuzz test fuzzing for 12 s (its
# corpus already ran in verify): about 8 minutes.
scripts/netns-run.sh bash -c 'mvn -B -o clean verify && node --test bench/test/hostile.test.mjs && node --test bench/test/cluster.test.mjs && e2e/run.sh && FUZZ_MAVEN_FLAGS=-o scripts/fuzz.sh 12s'
