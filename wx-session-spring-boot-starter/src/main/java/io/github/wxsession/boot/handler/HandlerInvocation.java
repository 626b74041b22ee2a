package io.github.wxsession.boot.handler;

import io.github.wxsession.aibot.WxAibotAnswers;
import io.github.wxsession.aibot.WxStream;
import io.github.wxsession.api.WxService;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.router.WxMessageKeys;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.session.WxSessionManager;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** What one call of a handler method can draw its arguments from. */
final class HandlerInvocation {

    final WxXmlMessage message;
    final Map<String, Object> context;
    final WxService service;
    final WxSessionManager sessionManager;
    final WxAccount account;
    private @Nullable WxSession session;
    private @Nullable WxStream stream;

    HandlerInvocation(WxXmlMessage message, Map<String, Object> context, WxService service,
            WxSessionManager sessionManager, WxAccount account) {
        this.message = message;
        this.context = context;
        this.service = service;
        this.sessionManager = sessionManager;
        this.account = account;
    }

    /**
     * The message's stream, opened on first use: only an AI-bot account's messages have one.
     *
     * @throws IllegalStateException for any other account's message
     */
    @SuppressWarnings("unchecked")
    WxStream stream() {
        if (stream == null) {
            Object opener = context.get(WxAibotAnswers.STREAM_CONTEXT_KEY);
            if (!(opener instanceof Supplier<?>)) {
                throw new IllegalStateException("a WxStream parameter is served for the messages of an AI-bot account"
                        + " (wx.type=aibot) only; " + message + " came to account '" + account.name() + "'");
            }
            stream = ((Supplier<WxStream>) opener).get();
        }
        return stream;
    }

    /** The stream if a parameter opened it, else {@code null}. */
    @Nullable WxStream openedStream() {
        return stream;
    }

    /**
     * The sender's session, looked up (or created) once however many parameters want it;
     * {@code null} for a message without a user behind it (WeCom's {@code sys} events).
     */
    @Nullable WxSession session() {
        if (session == null) {
            String sender = WxMessageKeys.senderOf(message);
            session = sender == null ? null : sessionManager.getSession(sender);
        }
        return session;
    }
}
