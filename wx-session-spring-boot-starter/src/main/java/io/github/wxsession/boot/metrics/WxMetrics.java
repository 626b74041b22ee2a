package io.github.wxsession.boot.metrics;

import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.router.WxAsyncReplySender;
import io.github.wxsession.router.WxMessageGate;
import io.github.wxsession.router.WxMessageHandler;
import io.github.wxsession.session.WxSessionStore;
import io.github.wxsession.token.WxCredentialRefreshListener;

/**
 * Where the starter reports what happens; {@link #NONE} unless Micrometer is present. Free of
 * Micrometer types so the starter runs without it.
 */
public interface WxMetrics {

    /** Reports nothing. */
    WxMetrics NONE = new WxMetrics() {
    };

    /** A verified message arrived for {@code account}. */
    default void received(String account, WxXmlMessage message) {
    }

    /** The callback answered {@code account}'s message with a passive reply ({@code true}) or {@code success}. */
    default void answered(String account, boolean withReply) {
    }

    /** The callback refused a request; {@code reason} is short and fixed, e.g. {@code signature}. */
    default void rejected(String reason) {
    }

    /** Counts the retries the gate answers without running handlers. */
    default WxMessageGate observe(WxMessageGate gate) {
        return gate;
    }

    /** Counts the customer-service replies (async handlers', late ones) sent for {@code account}, and failures. */
    default WxAsyncReplySender observe(String account, WxAsyncReplySender sender) {
        return sender;
    }

    /** Times {@code handler}, named {@code name}, as it serves {@code account}. */
    default WxMessageHandler timed(String account, String name, WxMessageHandler handler) {
        return handler;
    }

    /** {@code account} was removed at runtime: forget its meters. */
    default void accountRemoved(String account) {
    }

    /** Watches {@code account}'s sessions: live count, creations, ends. */
    default void sessionStoreCreated(String account, WxSessionStore store) {
    }

    /**
     * An HTTP client logged in to {@code account}'s sessions; {@code outcome} is {@code success},
     * {@code refused} (by a login handler) or {@code failed} (bad code, WeChat unavailable).
     */
    default void httpLogin(String account, String outcome) {
    }

    /**
     * A request to a protected path was answered 401; {@code reason} is {@code missing} (no id),
     * {@code invalid} (unknown, expired or invalidated) or {@code refused} (by a session verifier).
     */
    default void httpUnauthorized(String account, String reason) {
    }

    /** Hears {@code account}'s token and ticket fetches. */
    default WxCredentialRefreshListener refreshListener(String account) {
        return WxCredentialRefreshListener.NONE;
    }
}
