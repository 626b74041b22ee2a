package io.github.wxsession.session;

import java.time.Duration;

/**
 * Where sessions live: in memory ({@link InMemoryWxSessionStore}) or in Redis. Handlers only see
 * the {@link WxSessionManager} face; the application wires listeners, reads the live count for
 * metrics and runs the lifecycle through this one.
 *
 * <p>Every store passes the same contract tests, so code written against one behaves the same
 * on the other. A store outside the process reports an outage as {@link WxStoreUnavailableException}
 * and a lock it waited for in vain as {@link WxLockTimeoutException}, never as its client's own
 * exception types.
 */
public interface WxSessionStore extends WxSessionManager, AutoCloseable {

    /** Adds a listener for the sessions of this store. */
    void addListener(WxSessionListener listener);

    /** How many sessions are live (created and not yet destroyed). */
    int getActiveSessionCount();

    /**
     * Destroys, with {@link WxSessionDestroyReason#EXPIRED}, every session idle past its timeout,
     * whether or not anyone asks for it again.
     *
     * @return how many sessions this call destroyed
     */
    int expireStaleSessions();

    /**
     * Checks that the store answers, waiting no longer than {@code timeout}, whatever the store's
     * own command timeout: what a health check asks, cheaply (a Redis store sends one {@code PING}).
     * A store in this process always answers, and this default does nothing.
     *
     * @throws WxStoreUnavailableException if the store did not answer in time
     */
    default void ping(Duration timeout) {
    }

    /** Starts expiring idle sessions in the background; does nothing if already started. */
    void start();

    /** Stops the background work; the sessions stay. */
    void stop();

    /** Stops the background work and releases what the store holds. */
    @Override
    void close();
}
