#!/usr/bin/env bash
# Heap per account (issue 19): ACCOUNTS accounts from a repository, each receiving one message,
# measured as heap used after full collections before and after. On demand only, never in CI;
# under a minute. Run it with nothing else on the CPU:
#
#     flock /tmp/wx-mvn.lock bash scripts/accounts-footprint.sh
#
# Each of JVMS fresh JVMs prints its growth (io.github.wxsession.benchmarks.accounts.AccountsFootprint);
# figures go to docs/benchmarks.md by hand.
ACCOUNTS=${ACCOUNTS:-1000}
JVMS=${JVMS:-3}
HEAP=${HEAP:-512m}
MVN_FLAGS=${MVN_FLAGS:-}
OUT=${OUT:-/tmp/wx-accounts-footprint}

set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p "$OUT"

echo "== build"
./mvnw -B -q $MVN_FLAGS -Pbenchmarks -pl wx-session-benchmarks -am -DskipTests package \
    dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CLASSPATH_RUN="wx-session-benchmarks/target/classes:$(cat "$OUT/classpath.txt")"

for ((i = 1; i <= JVMS; i++)); do
    java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -Daccounts="$ACCOUNTS" -cp "$CLASSPATH_RUN" \
        io.github.wxsession.benchmarks.accounts.AccountsFootprint | tee "$OUT/run-$i.log"
done
grep -h 'bytes per account' "$OUT"/run-*.log
