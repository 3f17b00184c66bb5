#!/usr/bin/env bash
# Fuzzes the coverage-guided fuzz tests (@FuzzTest, Jazzer): each mutates its seed corpus for DURATION, in a JVM of
# its own (Jazzer fuzzes one test per JVM), and fails on the first input that breaks one of its properties.
#   scripts/fuzz.sh                      every fuzz test, 20 s each (scripts/test-all.sh runs 12 s each)
#   scripts/fuzz.sh 1h                   every fuzz test, an hour each
#   scripts/fuzz.sh 1h AddressFuzzTest   one (or more, comma-separated) for an hour
# A finding's input is <module>/target/jazzer/crash-<sha1>; the corpus the fuzzer grew is
# <module>/target/jazzer/.cifuzz-corpus/<class>/<method>/. Nothing is written to the source tree: to keep a finding
# as a regression test, copy its input into src/test/resources/<package>/<Class>Inputs/<method>/ (ADR 0018).
# FUZZ_MAVEN_FLAGS adds Maven flags (-o inside the offline network namespace).
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${1:-20s}
tests=${2:-*FuzzTest}

# shellcheck disable=SC2086 # FUZZ_MAVEN_FLAGS is a list of flags
mvn -B ${FUZZ_MAVEN_FLAGS:-} test -Pfuzz -pl gateway-core,sip-bridge,xmpp-bridge,distribution -am \
    -Dfuzz.duration="$duration" -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false
