package io.github.wxsession.benchmarks;

import io.github.wxsession.session.InMemoryWxSessionStore;
import io.github.wxsession.session.WxSession;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import me.chanjar.weixin.common.session.StandardSessionManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One conversation step on an in-memory store: look up the sender's session, read an attribute,
 * write it back, over 10,000 ids from 2 threads; ours beside WxJava's {@code StandardSessionManager}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
@Threads(2)
public class SessionThroughputBenchmark {

    static final int USERS = 10_000;

    @State(Scope.Benchmark)
    public static class Ids {

        final String[] ids = new String[USERS];

        @Setup(Level.Trial)
        public void makeIds() {
            for (int i = 0; i < USERS; i++) {
                ids[i] = "oUser" + String.format("%023d", i);
            }
        }

        String any() {
            return ids[ThreadLocalRandom.current().nextInt(USERS)];
        }
    }

    @State(Scope.Benchmark)
    public static class Ours {

        InMemoryWxSessionStore store;

        @Setup(Level.Trial)
        public void fill(Ids ids) {
            store = new InMemoryWxSessionStore();
            for (String id : ids.ids) {
                store.getSession(id).setAttribute("tries", 0);
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
        }
    }

    @State(Scope.Benchmark)
    public static class WxJava {

        StandardSessionManager manager;

        @Setup(Level.Trial)
        public void fill(Ids ids) {
            manager = new StandardSessionManager();
            for (String id : ids.ids) {
                manager.getSession(id).setAttribute("tries", 0);
            }
        }
    }

    @Benchmark
    public Object wxSession(Ids ids, Ours ours) {
        WxSession session = ours.store.getSession(ids.any());
        Integer tries = (Integer) session.getAttribute("tries");
        session.setAttribute("tries", (tries + 1) & 0x3f);
        return session;
    }

    @Benchmark
    public Object wxJava(Ids ids, WxJava wxJava) {
        me.chanjar.weixin.common.session.WxSession session = wxJava.manager.getSession(ids.any());
        Integer tries = (Integer) session.getAttribute("tries");
        session.setAttribute("tries", (tries + 1) & 0x3f);
        return session;
    }
}
