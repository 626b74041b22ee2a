package io.github.wxsession.boot.http;

/**
 * One request's unit of work on one session, opened by {@link WxHttpSessionScopes}. Ended exactly
 * once, on the thread that opened it.
 */
public interface WxHttpSessionScope extends AutoCloseable {

    /** A scope that holds nothing, for stores whose sessions are written as they change. */
    WxHttpSessionScope NONE = new WxHttpSessionScope() {
        @Override
        public void close() {
        }

        @Override
        public void discard() {
        }
    };

    /** Ends the request normally: what changed is saved. */
    @Override
    void close();

    /** Ends the request after a failure: nothing more is saved. Never throws. */
    void discard();
}
