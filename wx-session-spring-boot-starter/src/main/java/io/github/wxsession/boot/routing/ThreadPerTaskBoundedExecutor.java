package io.github.wxsession.boot.routing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A new thread for every task, at most {@code limit} at a time, a queue of {@code queueCapacity}
 * beyond them, and {@link RejectedExecutionException} beyond that. Made for virtual threads,
 * which are cheap to start and should not be pooled: no thread waits here for work, a task's
 * thread ends with it, and a finishing task starts the oldest waiting one on a fresh thread (so
 * no thread-local state passes from one handler to the next). The bound is what a pool's size
 * was for: it keeps a burst from opening unlimited connections to the APIs the handlers call.
 */
final class ThreadPerTaskBoundedExecutor extends AbstractExecutorService {

    private final ThreadFactory threads;
    private final int limit;
    private final int queueCapacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition terminated = lock.newCondition();
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final Set<Thread> running = new HashSet<>();
    private boolean shutdown;

    ThreadPerTaskBoundedExecutor(ThreadFactory threads, int limit, int queueCapacity) {
        if (limit < 1 || queueCapacity < 0) {
            throw new IllegalArgumentException("limit must be at least 1 and queueCapacity at least 0, not "
                    + limit + " and " + queueCapacity);
        }
        this.threads = Objects.requireNonNull(threads, "threads must not be null");
        this.limit = limit;
        this.queueCapacity = queueCapacity;
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task must not be null");
        lock.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException("the executor was shut down");
            }
            if (running.size() < limit) {
                start(task);
            } else if (queue.size() < queueCapacity) {
                queue.add(task);
            } else {
                throw new RejectedExecutionException(limit + " tasks are running and " + queueCapacity + " waiting");
            }
        } finally {
            lock.unlock();
        }
    }

    /** Starts {@code first} on its own thread, counted as running from now on. Called holding the lock. */
    private void start(Runnable first) {
        Thread thread = null;
        try {
            thread = threads.newThread(() -> runFrom(first));
            if (thread == null) {
                throw new IllegalStateException("the thread factory made no thread");
            }
            running.add(thread);
            thread.start();
        } catch (RuntimeException | OutOfMemoryError cannotStart) {
            // Out of memory for one more thread: refusing the task lets WeChat retry it later,
            // where letting the error out would lose it.
            if (thread != null) {
                running.remove(thread);
            }
            throw new RejectedExecutionException("could not start a thread for the task", cannotStart);
        }
    }

    private void runFrom(Runnable first) {
        Thread self = Thread.currentThread();
        Runnable task = first;
        while (task != null) {
            try {
                task.run();
            } catch (Throwable failure) {
                // Whatever a task throws, the queue behind it must move on; report it as a thread would.
                self.getUncaughtExceptionHandler().uncaughtException(self, failure);
            }
            task = handOver(self);
        }
    }

    /**
     * Ends {@code self}'s turn: the oldest waiting task gets a fresh thread in its place. Returns
     * that task only if no thread could be started for it, for {@code self} to run it instead.
     */
    private Runnable handOver(Thread self) {
        lock.lock();
        try {
            running.remove(self);
            Runnable next = queue.poll();
            if (next != null) {
                try {
                    start(next);
                } catch (RejectedExecutionException noThread) {
                    running.add(self);
                    return next;
                }
            } else if (shutdown && running.isEmpty()) {
                terminated.signalAll();
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Accepts no more tasks; running and waiting ones still run. */
    @Override
    public void shutdown() {
        lock.lock();
        try {
            shutdown = true;
            if (running.isEmpty()) {
                terminated.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Accepts no more tasks, interrupts the running ones and returns the waiting ones, which will not run. */
    @Override
    public List<Runnable> shutdownNow() {
        lock.lock();
        try {
            shutdown = true;
            List<Runnable> waiting = new ArrayList<>(queue);
            queue.clear();
            running.forEach(Thread::interrupt);
            if (running.isEmpty()) {
                terminated.signalAll();
            }
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isShutdown() {
        lock.lock();
        try {
            return shutdown;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isTerminated() {
        lock.lock();
        try {
            return shutdown && running.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (!(shutdown && running.isEmpty())) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = terminated.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** How many tasks run now; for tests and diagnostics. */
    int running() {
        lock.lock();
        try {
            return running.size();
        } finally {
            lock.unlock();
        }
    }

    /** How many tasks wait for a turn. */
    int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }
}
