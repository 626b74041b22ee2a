package io.github.wxsession.benchmarks;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Redis ran for a number of messages, from {@code INFO commandstats} and {@code INFO stats}
 * after a {@code CONFIG RESETSTAT}. The counts include the commands run inside scripts; which
 * commands a client sent (its round trips, as nothing here pipelines) only {@code MONITOR} tells
 * apart, see {@link LocalRedisServer#clientCommandsDuring(Runnable)}.
 *
 * @param messages      messages handled since the counters were reset
 * @param totalCommands {@code total_commands_processed}
 * @param calls         calls per command name, lower case, e.g. {@code evalsha}
 * @param failedScripts {@code EVALSHA} calls answered {@code NOSCRIPT} (the client then loads the script)
 * @param keys          keys in the database at the end
 */
record RedisCommandCounts(long messages, long totalCommands, Map<String, Long> calls, long failedScripts,
        long keys) {

    private static final String PREFIX = "cmdstat_";

    /** Reads the counters of {@code server}, which saw {@code messages} since its last reset. */
    static RedisCommandCounts read(LocalRedisServer server, long messages) {
        Map<String, Long> calls = new TreeMap<>();
        long failedScripts = 0;
        for (Map.Entry<String, String> stat : server.info("commandstats").entrySet()) {
            if (stat.getKey().startsWith(PREFIX)) {
                String name = stat.getKey().substring(PREFIX.length()).toLowerCase(Locale.ROOT);
                calls.put(name, field(stat.getValue(), "calls"));
                if (name.equals("evalsha")) {
                    failedScripts = field(stat.getValue(), "failed_calls");
                }
            }
        }
        long total = Long.parseLong(server.info("stats").get("total_commands_processed"));
        String db = server.info("keyspace").get("db0");
        return new RedisCommandCounts(messages, total, calls, failedScripts, db == null ? 0 : field(db, "keys"));
    }

    /** Scripts run: {@code EVALSHA} calls that found their script, and {@code EVAL}s. */
    long scripts() {
        return calls.getOrDefault("evalsha", 0L) - failedScripts + calls.getOrDefault("eval", 0L);
    }

    /** A few lines for the benchmark's output, each command per message. */
    String report() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Redis, %,d messages: %.3f scripts per message, total_commands_processed %.3f per message"
                        + " (scripts' own commands included), %,d keys at the end%n  commands per message:",
                messages, perMessage(scripts()), perMessage(totalCommands), keys));
        calls.forEach((name, count) -> out.append(String.format(Locale.ROOT, " %s %.3f", name, perMessage(count))));
        return out.toString();
    }

    private double perMessage(long count) {
        return (double) count / messages;
    }

    /** {@code name=<long>} out of a line like {@code calls=10,usec=20,...}. */
    private static long field(String line, String name) {
        for (String part : line.split(",")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        throw new IllegalStateException("no " + name + " in " + line);
    }
}
