#!/usr/bin/env bash
# Async capacity (design §5): 200 async handlers that each wait 1 s on I/O, sent by 200 users at
# once, on default settings; how long until every reply has reached the customer-service API.
# On demand only, never in CI; about two minutes (plus ~2 more per round with BEFORE=1). Run it
# with nothing else on the CPU:
#
#     flock /tmp/wx-mvn.lock bash scripts/async-capacity.sh
#
# Each configuration runs in JVMS fresh JVMs of one warm-up round and ROUNDS measured rounds
# (io.github.wxsession.benchmarks.async.AsyncCapacity); the median over all measured rounds is
# printed. Medians go to docs/benchmarks.md by hand. Settings (environment):
JVMS=${JVMS:-3}                 # JVM launches per configuration
ROUNDS=${ROUNDS:-5}             # measured rounds per JVM, after one warm-up round
JAVA17=${JAVA17:-java}          # the JDK of the Java 17 runs
JAVA21=${JAVA21:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}  # a JDK 21+ for virtual threads; skipped if absent
BEFORE=${BEFORE:-0}             # 1: also the old default, 4 threads per account (one JVM, 2 rounds)
MVN_FLAGS=${MVN_FLAGS:-}        # e.g. -o to build offline
OUT=${OUT:-/tmp/wx-async-capacity}

set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p "$OUT"

echo "== build"
# One invocation, so the classpath names the jars just packaged in this reactor, not older copies.
./mvnw -B -q $MVN_FLAGS -Pbenchmarks -pl wx-session-benchmarks -am -DskipTests package \
    dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CLASSPATH_RUN="wx-session-benchmarks/target/classes:$(cat "$OUT/classpath.txt")"

measure() { # name java rounds warmups spring-args...
    local name=$1 java=$2 rounds=$3 warmups=$4 jvms=$5
    shift 5
    : >"$OUT/$name.log"
    for ((i = 1; i <= jvms; i++)); do
        "$java" -Drounds="$rounds" -Dwarmups="$warmups" -cp "$CLASSPATH_RUN" \
            io.github.wxsession.benchmarks.async.AsyncCapacity "$@" | tee -a "$OUT/$name.log"
    done
    local all
    all=$(grep -o '^round [0-9]*: .* arrived in [0-9]* ms' "$OUT/$name.log" | grep -o '[0-9]* ms$' | grep -o '[0-9]*' | sort -n)
    local count
    count=$(echo "$all" | wc -l)
    echo "== $name: median $(echo "$all" | sed -n "$(((count + 1) / 2))p") ms over $count rounds" \
        "(min $(echo "$all" | head -1), max $(echo "$all" | tail -1))" | tee -a "$OUT/summary.txt"
}

: >"$OUT/summary.txt"
measure java17-default "$JAVA17" "$ROUNDS" 1 "$JVMS"
if [[ -x "$JAVA21" ]]; then
    measure java21-platform "$JAVA21" "$ROUNDS" 1 "$JVMS"
    measure java21-virtual "$JAVA21" "$ROUNDS" 1 "$JVMS" --spring.threads.virtual.enabled=true
else
    echo "== no JDK 21+ at $JAVA21: virtual threads not measured" | tee -a "$OUT/summary.txt"
fi
if [[ "$BEFORE" == 1 ]]; then
    measure java17-before-4-threads "$JAVA17" 2 0 1 --wx.router.async-concurrency=4
fi
cat "$OUT/summary.txt"
