package io.github.wxsession.benchmarks;

import io.github.wxsession.session.InMemoryWxSessionStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Arrays;
import me.chanjar.weixin.common.session.StandardSessionManager;

/**
 * Retained heap per session: 100,000 sessions with two {@code Integer} attributes, measured as the
 * growth of the live heap after full collections, the ids allocated beforehand so they are not
 * counted. The values are distinct {@code Integer}s outside the JVM's small-value cache, as a
 * user's counters and scores would be, so each costs its own 16 bytes. Five rounds per store;
 * the median is printed.
 *
 * <p>Run: {@code java -cp wx-session-benchmarks/target/benchmarks.jar io.github.wxsession.benchmarks.SessionFootprint}
 */
public final class SessionFootprint {

    private static final int SESSIONS = 100_000;
    private static final int ROUNDS = 5;

    private SessionFootprint() {
    }

    public static void main(String[] args) {
        String[] ids = new String[SESSIONS];
        for (int i = 0; i < SESSIONS; i++) {
            ids[i] = "oUser" + String.format("%023d", i);
        }
        double ours = median(ids, SessionFootprint::fillOurs);
        double theirs = median(ids, SessionFootprint::fillWxJava);
        System.out.printf("wx-session InMemoryWxSessionStore: %.1f bytes/session%n", ours);
        System.out.printf("WxJava StandardSessionManager:     %.1f bytes/session%n", theirs);
        System.out.printf("ratio: %.2f%n", ours / theirs);
    }

    private static Object fillOurs(String[] ids) {
        InMemoryWxSessionStore store = new InMemoryWxSessionStore();
        for (int i = 0; i < ids.length; i++) {
            var session = store.getSession(ids[i]);
            session.setAttribute("number", 1000 + i);
            session.setAttribute("tries", 100_000 + i);
        }
        return store;
    }

    private static Object fillWxJava(String[] ids) {
        StandardSessionManager manager = new StandardSessionManager();
        for (int i = 0; i < ids.length; i++) {
            var session = manager.getSession(ids[i]);
            session.setAttribute("number", 1000 + i);
            session.setAttribute("tries", 100_000 + i);
        }
        return manager;
    }

    private interface Filler {
        Object fill(String[] ids);
    }

    private static double median(String[] ids, Filler filler) {
        double[] results = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long before = liveHeap();
            Object store = filler.fill(ids);
            long after = liveHeap();
            Reference.reachabilityFence(store);
            results[round] = (after - before) / (double) SESSIONS;
        }
        Arrays.sort(results);
        return results[ROUNDS / 2];
    }

    private static long liveHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
