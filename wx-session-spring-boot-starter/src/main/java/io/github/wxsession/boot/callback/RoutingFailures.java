package io.github.wxsession.boot.callback;

import io.github.wxsession.boot.callback.CallbackRejection.Reason;
import io.github.wxsession.router.WxDeliveryLostException;
import io.github.wxsession.router.WxMessageHandlingException;
import io.github.wxsession.router.WxMessageInProgressException;
import io.github.wxsession.router.WxSenderBusyException;
import io.github.wxsession.session.WxLockTimeoutException;
import io.github.wxsession.session.WxStoreUnavailableException;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What a callback answers when routing failed, by the failure's type: the one table from the
 * router's and the stores' exceptions to statuses. A store failure decides wherever it sits in
 * the chain of causes (a handler's token read, a save that could not be recorded), so it comes
 * before the handler failure that may wrap it.
 */
final class RoutingFailures {

    private static final List<Mapping<?>> TABLE = List.of(
            new Mapping<>(WxStoreUnavailableException.class, Reason.STORE_UNAVAILABLE,
                    e -> "the session store is unavailable; nothing was saved and WeChat will retry"),
            new Mapping<>(WxLockTimeoutException.class, Reason.STORE_UNAVAILABLE,
                    e -> "a lock of the session store was not granted in time; nothing was saved and WeChat will"
                            + " retry"),
            new Mapping<>(WxMessageInProgressException.class, Reason.IN_PROGRESS,
                    e -> "an earlier delivery of " + e.getMessageKey() + " is still being handled; WeChat will"
                            + " retry"),
            new Mapping<>(WxSenderBusyException.class, Reason.SENDER_BUSY,
                    e -> "the sender's previous message is still being handled, so " + e.getMessageKey()
                            + " waits for WeChat's retry"),
            new Mapping<>(WxDeliveryLostException.class, Reason.LEASE_LOST,
                    e -> "the delivery of " + e.getMessageKey() + " lost its lease while its handler ran; its"
                            + " changes and reply were discarded"),
            new Mapping<>(WxMessageHandlingException.class, Reason.HANDLER_FAILED,
                    e -> "handling failed; the message was released so WeChat's retry handles it again"));

    private RoutingFailures() {
    }

    /**
     * The rejection that answers {@code failure}: that of the first type in the table that the
     * failure or one of its causes is an instance of; {@code null} if none is.
     */
    static @Nullable CallbackRejection rejectionFor(RuntimeException failure) {
        for (Mapping<?> mapping : TABLE) {
            CallbackRejection rejection = mapping.rejectionFor(failure);
            if (rejection != null) {
                return rejection;
            }
        }
        return null;
    }

    private record Mapping<T extends RuntimeException>(Class<T> type, Reason reason, Function<T, String> detail) {

        @Nullable CallbackRejection rejectionFor(RuntimeException failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (type.isInstance(t)) {
                    return new CallbackRejection(reason, detail.apply(type.cast(t)), failure);
                }
            }
            return null;
        }
    }
}
