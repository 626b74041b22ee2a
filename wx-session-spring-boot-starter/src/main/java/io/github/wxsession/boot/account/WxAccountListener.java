package io.github.wxsession.boot.account;

/**
 * Hears accounts being set up and released, for what keeps per-account state beside them (a
 * router, meters). Called on the thread that set the account up or released it.
 */
public interface WxAccountListener {

    /** {@code account} was set up and can take messages. */
    default void added(WxAccount account) {
    }

    /**
     * {@code account} was removed from its repository, or replaced by one of another type or name;
     * release what was kept for it. Its session store is closed after every listener has heard.
     */
    default void removed(WxAccount account) {
    }
}
