package io.github.wxsession.token;

/**
 * Makes one caller at a time the refresher of a credential, so that many threads (or, with a
 * shared store, many instances) finding it expired cause a single upstream call.
 * <p>
 * The refresher follows check, lock, re-check, fetch, store, unlock: after acquiring it reads the
 * storage again, because whoever held the lock before may already have stored a fresh value.
 * An in-process store backs this with a {@link java.util.concurrent.locks.ReentrantLock}; a shared
 * store uses a distributed lock whose release checks the owner (the {@link Held} handle is where
 * such an implementation keeps its owner id) and whose lease bounds how long a crashed holder
 * can block the others.
 */
@FunctionalInterface
public interface RefreshLock {

    /**
     * Waits until this caller holds the lock. Waiting must block (or park), not spin, and must
     * end: implementations bound it by the holder's own bounded work or by a lease.
     *
     * @return the held lock, to {@linkplain Held#release() release} when done
     * @throws InterruptedException if the waiting thread was interrupted
     */
    Held acquire() throws InterruptedException;

    /** A held {@link RefreshLock}; release it in a {@code finally} block. */
    @FunctionalInterface
    interface Held {

        /** Releases the lock; a no-op if it is no longer ours (e.g. a lease ran out). */
        void release();
    }
}
