#!/usr/bin/env bash
# HTTP load test of the sample app's callback beside the framework floor (design §5, issue 8).
# On demand only, never in CI; it takes about 15 minutes. Run it with nothing else on the CPU:
#
#     flock /tmp/wx-mvn.lock bash scripts/load-test.sh
#
# For each target (floor, sample plain, sample safe, and sample plain on Redis when redis-server
# is on the PATH) it starts a fresh JVM on a free loopback port, warms it up with wrk, measures
# RUNS runs, records requests/s and p99 latency, and stops it. Medians go to docs/benchmarks.md
# by hand. Settings (environment):
WARMUP=${WARMUP:-90}            # seconds of wrk before measuring (JIT settles in 60-90 s here)
DURATION=${DURATION:-30}        # seconds per measured run
RUNS=${RUNS:-3}                 # measured runs per target; the median is reported
THREADS=${THREADS:-1}           # wrk threads: one, so the server keeps most of the 2 cores
CONNECTIONS=${CONNECTIONS:-32}  # concurrent keep-alive connections
REQUESTS=${REQUESTS:-4000000}   # distinct requests (MsgIds) per file, a multiple of 10,000
OUT=${OUT:-/tmp/wx-load}        # request files, app logs and raw wrk output
DEDUP_TTL=60                    # the sample's de-duplication TTL, seconds
TARGETS=${TARGETS:-"floor plain safe redis"}
JVM_ARGS=${JVM_ARGS:-}          # extra JVM options for every target (e.g. a JFR recording); none for figures

set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p "$OUT"

if ! command -v wrk >/dev/null; then
    apt-get install -y wrk >/dev/null
fi

echo "== build"
./mvnw -B -q -Pbenchmarks -pl wx-session-benchmarks,wx-session-sample -am -DskipTests package
./mvnw -B -q -Pbenchmarks -pl wx-session-benchmarks -am dependency:build-classpath \
    -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
# Core's freshly built classes before whatever copy of its jar the local repository holds.
CLASSPATH_FLOOR="wx-session-benchmarks/target/classes:wx-session-core/target/classes:$(cat "$OUT/classpath.txt")"
SAMPLE_JAR=wx-session-sample/target/wx-session-sample-0.1.0-SNAPSHOT.jar

if [[ "$(cat "$OUT/traffic.count" 2>/dev/null)" != "$REQUESTS" ]]; then
    echo "== generate $REQUESTS requests per mode in $OUT"
    java -cp "$CLASSPATH_FLOOR" io.github.wxsession.benchmarks.LoadTraffic "$OUT" "$REQUESTS"
    echo "$REQUESTS" >"$OUT/traffic.count"
fi

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_for_port() { # port seconds
    local deadline=$((SECONDS + $2))
    until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
        if ((SECONDS > deadline)); then
            echo "nothing listens on port $1 after $2 s" >&2
            return 1
        fi
        sleep 0.5
    done
}

APP_PID=
REDIS_PID=
stop_all() {
    if [[ -n "$APP_PID" ]]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
    if [[ -n "$REDIS_PID" ]]; then kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; fi
    APP_PID=
    REDIS_PID=
}
trap stop_all EXIT

# One wrk run; prints "requests/s p99_ms requests". Fails on any error response or socket error,
# since a run with errors measures something else.
OFFSET=0
wrk_run() { # name label seconds file port
    local name=$1 label=$2 seconds=$3 file=$4 port=$5
    local log="$OUT/$name-$label.wrk"
    timeout $((seconds + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 5s --latency \
        -s scripts/load-replay.lua "http://127.0.0.1:$port/" -- "$OUT/$file" "$OFFSET" "$THREADS" >"$log"
    if grep -qE 'Non-2xx|Socket errors' "$log"; then
        echo "$name $label: errors, see $log" >&2
        cat "$log" >&2
        return 1
    fi
    local requests rate p99
    requests=$(awk '/requests in/ { print $1 }' "$log")
    rate=$(awk '/^Requests\/sec/ { print $2 }' "$log")
    p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 }
                             else if (v ~ /ms$/) { sub(/ms$/, "", v) }
                             else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }
                             printf "%.2f", v }' "$log")
    OFFSET=$((OFFSET + requests))
    # A MsgId comes round after REQUESTS requests; at this rate that must be later than the TTL,
    # or the repeats would be answered from the de-duplication cache and flatter the figure.
    if [[ "$name" != floor ]] && awk -v n="$REQUESTS" -v r="$rate" -v ttl="$DEDUP_TTL" \
            'BEGIN { exit !(n / r < ttl * 1.1) }'; then
        echo "$name $label: $rate requests/s replays MsgIds within $DEDUP_TTL s; raise REQUESTS" >&2
        return 1
    fi
    echo "$rate $p99 $requests"
}

measure() { # name file port
    local name=$1 file=$2 port=$3
    OFFSET=0
    echo "== $name: warm-up ${WARMUP} s"
    wrk_run "$name" warmup "$WARMUP" "$file" "$port" >"$OUT/$name-warmup.result"
    echo "   warm-up: $(cat "$OUT/$name-warmup.result")"
    for run in $(seq 1 "$RUNS"); do
        wrk_run "$name" "run$run" "$DURATION" "$file" "$port" >"$OUT/$name-run$run.result"
        echo "   run $run: $(cat "$OUT/$name-run$run.result")  (requests/s, p99 ms, requests)"
    done
    local median_rate median_p99
    median_rate=$(cat "$OUT/$name"-run*.result | awk '{ print $1 }' | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    median_p99=$(cat "$OUT/$name"-run*.result | awk '{ print $2 }' | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    printf '%s\t%s\t%s\n' "$name" "$median_rate" "$median_p99" >>"$OUT/summary.tsv"
    echo "   median: $median_rate requests/s, p99 $median_p99 ms"
}

start_app() { # name port command...
    local name=$1 port=$2
    shift 2
    "$@" >"$OUT/$name.log" 2>&1 &
    APP_PID=$!
    wait_for_port "$port" 120
}

sample() { # name file [extra arguments]
    local name=$1 file=$2
    shift 2
    local port
    port=$(free_port)
    start_app "$name" "$port" java $JVM_ARGS -jar "$SAMPLE_JAR" --server.address=127.0.0.1 --server.port="$port" "$@"
    measure "$name" "$file" "$port"
    stop_all
}

rm -f "$OUT"/*.result "$OUT/summary.tsv"
{
    echo "# $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (dirty)')"
    echo "# wrk -t$THREADS -c$CONNECTIONS, warm-up ${WARMUP}s, ${RUNS} x ${DURATION}s, $REQUESTS requests per file"
    printf 'target\trequests/s (median)\tp99 ms (median)\n'
} >"$OUT/summary.tsv"

for target in $TARGETS; do
    case $target in
    floor)
        port=$(free_port)
        start_app floor "$port" java $JVM_ARGS -cp "$CLASSPATH_FLOOR" io.github.wxsession.benchmarks.floor.FloorApplication \
            --server.address=127.0.0.1 --server.port="$port"
        measure floor floor.req "$port"
        stop_all
        ;;
    plain) sample plain plain.req ;;
    safe) sample safe safe.req ;;
    redis)
        if ! command -v redis-server >/dev/null; then
            echo "== redis: no redis-server on the PATH, skipped"
            continue
        fi
        redis_port=$(free_port)
        redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no >"$OUT/redis-server.log" 2>&1 &
        REDIS_PID=$!
        wait_for_port "$redis_port" 10
        sample redis plain.req --spring.profiles.active=redis --spring.data.redis.port="$redis_port"
        ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
    esac
done

echo "== summary ($OUT/summary.tsv)"
cat "$OUT/summary.tsv"
