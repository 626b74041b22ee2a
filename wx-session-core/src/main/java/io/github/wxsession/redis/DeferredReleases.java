package io.github.wxsession.redis;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Sends the last script of a message whose handler changed nothing (lock released, reply cached)
 * after the reply has gone out, so such a message waits for one Redis round trip instead of two.
 * Nothing is lost by not waiting: the session is unchanged, a retry of the message meanwhile finds
 * it in progress and polls for the reply, the sender's next message polls for the lock, and if the
 * script never arrives (crash, Redis gone) both free themselves within the lock lease.
 * <p>
 * One daemon thread per store, started on first use. When its queue is full, or while stopped,
 * the caller runs the script itself (back-pressure instead of loss).
 */
final class DeferredReleases implements Executor {

    private static final System.Logger LOG = System.getLogger(DeferredReleases.class.getName());
    private static final int CAPACITY = 4096;
    private static final Runnable STOP = () -> { };

    private final String threadName;
    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(CAPACITY);
    private Thread worker;
    private boolean stopped;

    DeferredReleases(String threadName) {
        this.threadName = threadName;
    }

    @Override
    public void execute(Runnable release) {
        if (!startIfOpen() || !queue.offer(release)) {
            runSafely(release);
        }
    }

    /** Defers releases again after {@link #stop}. */
    synchronized void start() {
        stopped = false;
    }

    /**
     * Sends what is queued and stops the thread, waiting up to {@code timeout}; until
     * {@link #start}, releases run on their callers. Call before the connection factory stops.
     */
    void stop(Duration timeout) {
        Thread running;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            running = worker;
            worker = null;
        }
        if (running == null) {
            return;
        }
        try {
            queue.put(STOP);
            running.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isAlive()) {
            LOG.log(Level.WARNING, () -> threadName + " did not send its queued lock releases within " + timeout
                    + "; those locks free themselves within their lease");
            running.interrupt();
        }
    }

    private synchronized boolean startIfOpen() {
        if (stopped) {
            return false;
        }
        if (worker == null) {
            worker = new Thread(this::drain, threadName);
            worker.setDaemon(true);
            worker.start();
        }
        return true;
    }

    private void drain() {
        try {
            while (true) {
                Runnable release = queue.poll(1, TimeUnit.MINUTES);
                if (release == STOP) {
                    return;
                }
                if (release != null) {
                    runSafely(release);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runSafely(Runnable release) {
        try {
            release.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not release a session lock after a read-only message; it frees itself"
                    + " within its lease, and a retry of the message is handled again after it", e);
        }
    }
}
