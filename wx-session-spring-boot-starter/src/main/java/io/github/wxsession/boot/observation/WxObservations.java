package io.github.wxsession.boot.observation;

import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.router.WxMessageHandler;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * What the callback and routing tell the observations; {@link #NONE} unless the application has
 * an {@code ObservationRegistry}. Free of Micrometer types so the starter runs without it.
 */
public interface WxObservations {

    /** Observes nothing. */
    WxObservations NONE = new WxObservations() {
    };

    /**
     * Starts observing the callback request this thread serves; everything the request does until
     * {@link Callback#stop()} is part of it.
     */
    default Callback callback() {
        return Callback.NONE;
    }

    /** The callback observed on this thread carries {@code message} for {@code account}. */
    default void message(String account, WxXmlMessage message) {
    }

    /** {@code handler}, observed as it serves {@code account} under {@code name}. */
    default WxMessageHandler handler(String account, String name, WxMessageHandler handler) {
        return handler;
    }

    /**
     * {@code executor}, running each task under the observation that was current where the task
     * was handed over, so async handlers and their replies belong to the message's callback.
     */
    default ExecutorService executor(ExecutorService executor) {
        return executor;
    }

    /** One callback, told how it ended, then stopped on the thread that started it. */
    interface Callback {

        /** Observes nothing. */
        Callback NONE = new Callback() {
        };

        /**
         * The request was refused; {@code reason} is short and fixed, e.g. {@code signature}.
         *
         * @param failure what went wrong on the server's side (a 5xx), else {@code null}
         */
        default void rejected(String reason, @Nullable Throwable failure) {
        }

        /**
         * The request was answered.
         *
         * @param withReply with a passive reply (or the AI bot's stream), not {@code success} or nothing
         * @param early before its handler finished: the reply deadline passed, and the reply follows
         */
        default void answered(boolean withReply, boolean early) {
        }

        /** The request failed with an exception nobody turned into an answer. */
        default void failed(Throwable failure) {
        }

        /** Ends the observation, on the thread that started it. */
        default void stop() {
        }
    }
}
