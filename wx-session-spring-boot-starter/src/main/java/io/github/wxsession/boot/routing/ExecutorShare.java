package io.github.wxsession.boot.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One account's share of the executor all accounts' async handlers run on: tasks run on the
 * shared executor (whose limits are global), but shutting a share down, as a removed account's
 * router does, stops and waits for that account's tasks only. {@link #shutdownNow()} interrupts the
 * account's running tasks and returns its queued ones, which then never run.
 */
final class ExecutorShare extends AbstractExecutorService {

    private final Executor shared;
    private final Set<Task> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean shutDown;

    ExecutorShare(Executor shared) {
        this.shared = shared;
    }

    /** A task of this share: queued, then running on {@link #thread}. */
    private final class Task implements Runnable {
        private final Runnable work;
        private volatile Thread thread;
        private boolean cancelled;

        Task(Runnable work) {
            this.work = work;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                thread = Thread.currentThread();
            }
            try {
                work.run();
            } finally {
                synchronized (this) {
                    thread = null;
                }
                done(this);
            }
        }

        /** Stops it: interrupted if it runs, never run if it waits. */
        synchronized boolean cancel() {
            if (thread != null) {
                thread.interrupt();
                return false;
            }
            cancelled = true;
            return true;
        }
    }

    @Override
    public void execute(Runnable command) {
        if (shutDown) {
            throw new RejectedExecutionException("the account's async handlers are shut down");
        }
        Task task = new Task(command);
        pending.add(task);
        try {
            shared.execute(task);
        } catch (RuntimeException e) {
            done(task);
            throw e;
        }
    }

    private void done(Task task) {
        pending.remove(task);
        if (pending.isEmpty()) {
            synchronized (pending) {
                pending.notifyAll();
            }
        }
    }

    @Override
    public void shutdown() {
        shutDown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutDown = true;
        List<Runnable> neverRun = new ArrayList<>();
        for (Task task : pending) {
            if (task.cancel()) {
                done(task);
                neverRun.add(task.work);
            }
        }
        return neverRun;
    }

    @Override
    public boolean isShutdown() {
        return shutDown;
    }

    @Override
    public boolean isTerminated() {
        return shutDown && pending.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (pending) {
            while (!pending.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                pending.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        return true;
    }
}
