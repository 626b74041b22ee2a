package io.github.wxsession.redis;

import io.github.wxsession.session.WxStoreUnavailableException;

/**
 * Redis could not be reached or did not answer in time, so a wx-session operation was not done.
 * <p>
 * Thrown as soon as the connection reports it: a refused connection at once, a lost one after
 * the connection's command timeout ({@code spring.data.redis.timeout}; Lettuce's own default is
 * 60 s, so set it). Transient: the same call succeeds once Redis is back, and the client
 * reconnects by itself. A web endpoint answers it with 503 so that WeChat retries the message.
 *
 * <p>A {@link WxStoreUnavailableException}, not one of Spring's data-access exceptions (it was a
 * {@code TransientDataAccessResourceException} in earlier snapshots): catch that type to handle
 * an outage whatever the store. The client's exception, if any, is the cause.
 */
public class WxRedisUnavailableException extends WxStoreUnavailableException {

    private static final long serialVersionUID = 1L;

    /**
     * @param action what was being done, e.g. {@code "reading the ACCESS_TOKEN of wx123"}
     * @param cause the client's exception
     */
    public WxRedisUnavailableException(String action, Throwable cause) {
        super("Redis is unavailable: failed " + action + " (" + cause.getMessage()
                + "); check that Redis is up and that spring.data.redis.* points at it", cause);
    }

    /**
     * Not sent at all, because Redis is in no state to take it now.
     *
     * @param action what was to be done
     * @param reason why it was not sent, e.g. {@code "Redis Sentinel is failing over master 'mymaster'"}
     */
    public WxRedisUnavailableException(String action, String reason) {
        super("Redis is unavailable: did not send " + action + " (" + reason + "); WeChat's retry will find it back",
                null);
    }
}
