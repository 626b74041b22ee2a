#!/usr/bin/env bash
# HTTP load test of the sample app's callback beside the framework floor (design §5, issue 8).
# On demand only, never in CI; it takes about 15 minutes. Run it with nothing else on the CPU:
#
#     flock /tmp/wx-mvn.lock bash scripts/load-test.sh
#
# Every target runs in its own JVM, all started up front on free loopback ports: the floor (a
# bare Spring MVC endpoint), the sample in plain mode, in safe mode, and in plain mode on Redis
# (when redis-server is on the PATH). Each is warmed up with wrk, one after the other; then the
# measured runs go round the targets in turn, ROUNDS times, so that every round measures all
# targets within a minute or two of each other. Ratios (plain / floor, safe / plain) are taken
# within a round and their median reported: this machine's speed drifts by more than the
# differences measured, and a drift between rounds then cancels out. The same goes for the p99
# ratios (each target's p99 over the floor's, issue 16). For a Redis target, the commands its
# redis-server ran over the measured rounds are reported per message (all, and those inside the
# scripts). Medians go to docs/benchmarks.md by hand. Settings (environment):
WARMUP=${WARMUP:-90}            # seconds of wrk per target before measuring (JIT settles in 60-90 s here)
DURATION=${DURATION:-20}        # seconds per measured run
ROUNDS=${ROUNDS:-5}             # measured runs per target, interleaved; medians are reported
THREADS=${THREADS:-1}           # wrk threads: one, so the server keeps most of the 2 cores
CONNECTIONS=${CONNECTIONS:-32}  # concurrent keep-alive connections
REQUESTS=${REQUESTS:-4000000}   # distinct requests (MsgIds) per file, a multiple of 10,000
OUT=${OUT:-/tmp/wx-load}        # request files, app logs and raw wrk output
DEDUP_TTL=60                    # the sample's longest de-duplication TTL considered, seconds
TARGETS=${TARGETS:-"floor plain safe redis"}   # also plain-base, safe-base, redis-base: BASELINE_JAR's sample
BASELINE_JAR=${BASELINE_JAR:-}  # e.g. a sample jar built from an earlier commit, for before/after
JVM_ARGS=${JVM_ARGS:-}          # extra JVM options for every target, {name} standing for the target's
                                # name, e.g. a recording for each target:
                                # JVM_ARGS=-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=/tmp/{name}.jfr
                                # None for figures.
# The request files are signed once, when generated, and replayed for many minutes: past the
# callback's replay window (wx.callback.timestamp-tolerance, 5 min), which the sample turns off here.
# The targets run side by side, so each sample's management port is a free one.
SAMPLE_ARGS="--wx.callback.timestamp-tolerance=0 --management.server.port=0"

set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p "$OUT"

if ! command -v wrk >/dev/null; then
    apt-get install -y wrk >/dev/null
fi

echo "== build"
# The classpath in the same reactor build: a separate dependency:build-classpath cannot resolve the
# starter's jar unless some build installed it in the local repository.
./mvnw -B -q -Pbenchmarks -pl wx-session-benchmarks,wx-session-sample -am -DskipTests package \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
cp wx-session-benchmarks/target/classpath.txt "$OUT/classpath.txt"
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

PIDS=()
stop_all() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    PIDS=()
}
trap stop_all EXIT

declare -A PORT FILE OFFSET REDIS_PORT

start() { # name file command...
    local name=$1 file=$2 port
    shift 2
    port=$(free_port)
    local command=()
    for arg in "$@"; do command+=("${arg//\{name\}/$name}"); done
    "${command[@]}" --server.address=127.0.0.1 --server.port="$port" >"$OUT/$name.log" 2>&1 &
    PIDS+=($!)
    wait_for_port "$port" 120
    PORT[$name]=$port
    FILE[$name]=$file
    OFFSET[$name]=0
}

# One wrk run; prints "requests/s p99_ms requests". Fails on any error response or socket error,
# since a run with errors measures something else. Each run against a JVM carries on at the offset
# where the last one stopped, so MsgIds repeat only when the file wraps.
wrk_run() { # name label seconds
    local name=$1 label=$2 seconds=$3
    local log="$OUT/$name-$label.wrk"
    timeout $((seconds + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 5s --latency \
        -s scripts/load-replay.lua "http://127.0.0.1:${PORT[$name]}/" -- "$OUT/${FILE[$name]}" "${OFFSET[$name]}" \
        "$THREADS" >"$log"
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
    OFFSET[$name]=$((OFFSET[$name] + requests))
    # A MsgId comes round after REQUESTS requests; at this rate that must be later than the TTL,
    # or the repeats would be answered from the de-duplication cache and flatter the figure.
    if [[ "$name" != floor ]] && awk -v n="$REQUESTS" -v r="$rate" -v ttl="$DEDUP_TTL" \
            'BEGIN { exit !(n / r < ttl * 1.1) }'; then
        echo "$name $label: $rate requests/s replays MsgIds within $DEDUP_TTL s; raise REQUESTS" >&2
        return 1
    fi
    echo "$rate $p99 $requests"
}

median() { # numbers on stdin
    sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

# The sample on Redis: a private redis-server of its own, no persistence.
start_redis() { # name jar
    if ! command -v redis-server >/dev/null; then
        echo "== $1: no redis-server on the PATH, skipped"
        return 1
    fi
    local redis_port
    redis_port=$(free_port)
    redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no >"$OUT/$1-redis-server.log" 2>&1 &
    PIDS+=($!)
    wait_for_port "$redis_port" 10
    REDIS_PORT[$1]=$redis_port
    start "$1" plain.req java $JVM_ARGS -jar "$2" $SAMPLE_ARGS --spring.profiles.active=redis \
        --spring.data.redis.port="$redis_port"
}

# The *-base targets run another build of the sample beside this one, for a before/after
# comparison in the same interleaved rounds.
baseline_jar() {
    if [[ -z "$BASELINE_JAR" || ! -f "$BASELINE_JAR" ]]; then
        echo "targets *-base need BASELINE_JAR, the sample jar of the build to compare with" >&2
        exit 2
    fi
    echo "$BASELINE_JAR"
}

rm -f "$OUT"/*.result "$OUT/summary.tsv"
ACTIVE=()
for target in $TARGETS; do
    case $target in
    floor) start floor floor.req java $JVM_ARGS -cp "$CLASSPATH_FLOOR" io.github.wxsession.benchmarks.floor.FloorApplication ;;
    plain) start plain plain.req java $JVM_ARGS -jar "$SAMPLE_JAR" $SAMPLE_ARGS ;;
    safe) start safe safe.req java $JVM_ARGS -jar "$SAMPLE_JAR" $SAMPLE_ARGS ;;
    redis) start_redis redis "$SAMPLE_JAR" || continue ;;
    plain-base) start plain-base plain.req java $JVM_ARGS -jar "$(baseline_jar)" $SAMPLE_ARGS ;;
    safe-base) start safe-base safe.req java $JVM_ARGS -jar "$(baseline_jar)" $SAMPLE_ARGS ;;
    redis-base) start_redis redis-base "$(baseline_jar)" || continue ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
    esac
    ACTIVE+=("$target")
done

for name in "${ACTIVE[@]}"; do
    echo "== $name: warm-up ${WARMUP} s"
    echo "   $(wrk_run "$name" warmup "$WARMUP")"
done

# Redis's counters cover the measured rounds only.
for name in "${ACTIVE[@]}"; do
    [[ -n "${REDIS_PORT[$name]:-}" ]] && redis-cli -p "${REDIS_PORT[$name]}" CONFIG RESETSTAT >/dev/null
done

for round in $(seq 1 "$ROUNDS"); do
    echo "== round $round"
    for name in "${ACTIVE[@]}"; do
        wrk_run "$name" "run$round" "$DURATION" >"$OUT/$name-run$round.result"
        echo "   $name: $(cat "$OUT/$name-run$round.result")  (requests/s, p99 ms, requests)"
    done
done

rate() { awk '{ print $1 }' "$OUT/$1-run$2.result"; }
{
    echo "# $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (dirty)')"
    echo "# wrk -t$THREADS -c$CONNECTIONS, warm-up ${WARMUP}s each, $ROUNDS interleaved rounds of ${DURATION}s, $REQUESTS requests per file"
    printf 'target\trequests/s (median)\tp99 ms (median)\tper round\n'
    for name in "${ACTIVE[@]}"; do
        printf '%s\t%s\t%s\t%s\n' "$name" \
            "$(cat "$OUT/$name"-run*.result | awk '{ print $1 }' | median)" \
            "$(cat "$OUT/$name"-run*.result | awk '{ print $2 }' | median)" \
            "$(for r in $(seq 1 "$ROUNDS"); do printf '%s ' "$(rate "$name" "$r")"; done)"
    done
    ratio() { # numerator denominator
        if [[ -f "$OUT/$1-run1.result" && -f "$OUT/$2-run1.result" ]]; then
            local per_round
            per_round=$(for r in $(seq 1 "$ROUNDS"); do
                awk -v a="$(rate "$1" "$r")" -v b="$(rate "$2" "$r")" 'BEGIN { printf "%.3f\n", a / b }'
            done)
            printf '%s / %s\t%s\t\t%s\n' "$1" "$2" "$(echo "$per_round" | median)" "$(echo "$per_round" | tr '\n' ' ')"
        fi
    }
    ratio plain floor
    ratio safe plain
    ratio redis plain
    ratio plain plain-base
    ratio safe safe-base
    ratio redis redis-base
    p99_ratio() { # numerator denominator: the ratio of p99 latencies, per round
        if [[ -f "$OUT/$1-run1.result" && -f "$OUT/$2-run1.result" ]]; then
            local per_round
            per_round=$(for r in $(seq 1 "$ROUNDS"); do
                awk -v a="$(awk '{ print $2 }' "$OUT/$1-run$r.result")" \
                    -v b="$(awk '{ print $2 }' "$OUT/$2-run$r.result")" 'BEGIN { printf "%.3f\n", a / b }'
            done)
            printf 'p99 %s / %s\t\t%s\t%s\n' "$1" "$2" "$(echo "$per_round" | median)" "$(echo "$per_round" | tr '\n' ' ')"
        fi
    }
    p99_ratio plain floor
    p99_ratio safe floor
    p99_ratio redis floor
    # Commands Redis ran per message over the measured rounds: in all, and inside the scripts.
    for name in "${ACTIVE[@]}"; do
        port=${REDIS_PORT[$name]:-}
        [[ -z "$port" ]] && continue
        messages=$(cat "$OUT/$name"-run*.result | awk '{ n += $3 } END { print n }')
        redis-cli -p "$port" INFO commandstats | tr -d '\r' | awk -F'[:=,]' -v n="$messages" -v name="$name" '
            /^cmdstat_/ { cmd = substr($1, 9); calls[cmd] = $3; total += $3
                          if (cmd == "evalsha" || cmd == "eval") scripts += $3 }
            END { printf "%s: Redis commands per message %.2f, inside the scripts %.2f (", name, total / n, (total - scripts) / n
                  for (c in calls) if (calls[c] / n >= 0.01) printf "%s %.2f ", c, calls[c] / n
                  printf ")\n" }'
    done
} >"$OUT/summary.tsv"

echo "== summary ($OUT/summary.tsv)"
cat "$OUT/summary.tsv"
