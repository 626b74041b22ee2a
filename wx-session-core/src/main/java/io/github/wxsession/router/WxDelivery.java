package io.github.wxsession.router;

import io.github.wxsession.session.WxSessionManager;
import io.github.wxsession.session.WxStoreUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * One acquired delivery of a message: it holds the message's key and its sender's turn, and
 * possibly its own copy of the sender's session, until it ends. End it exactly once, with
 * {@link #complete} after the handlers ran or {@link #abandon()} after they failed; both may be
 * called from any thread.
 *
 * <pre>{@code
 * WxMessageAdmission admission = gate.begin(key, sender);
 * WxDelivery delivery = admission.delivery();          // when ACQUIRED
 * String reply;
 * try {
 *     reply = handle(message, delivery.sessionManager(sessions));
 * } catch (RuntimeException e) {
 *     delivery.abandon();                              // a retry handles the message again
 *     throw e;
 * }
 * delivery.complete(reply);                            // saved, cached, released
 * }</pre>
 */
public interface WxDelivery {

    /** The message's key. */
    String key();

    /** The sender whose turn this delivery holds; {@code null} for a message without one. */
    @Nullable String sender();

    /**
     * The session manager this delivery's handlers see. A store that keeps a copy of the sender's
     * session for the delivery (Redis: loaded with the key, saved by {@link #complete}) answers a
     * view that serves that copy for the sender and asks {@code shared} for any other id. By
     * default {@code shared} itself: an in-memory session is the same object for everyone.
     *
     * @param shared the session manager the application configured
     */
    default WxSessionManager sessionManager(WxSessionManager shared) {
        return shared;
    }

    /**
     * Removes and answers the reply parked for this delivery's sender by an earlier message that
     * outlived WeChat's deliveries ({@link #completeLate}), or {@code null} if none is; the removal
     * is saved with the delivery. Call it after {@link #sessionManager}. By default none: a gate
     * that never answers {@link WxMessageAdmission.Outcome#PARKED} parks nothing.
     */
    default @Nullable String takeParkedReply() {
        return null;
    }

    /**
     * The message was handled: saves the sender's session, caches the reply for the message's
     * retries and gives the sender's turn to the next message, all or nothing.
     *
     * @param replyXml the reply's XML, {@code null} if the message was handled without a reply
     * @throws WxDeliveryLostException if the delivery had lost its hold on the message meanwhile;
     *         nothing was saved or cached
     * @throws IllegalStateException if the delivery has ended already
     * @throws WxStoreUnavailableException if the store could not record the outcome; nothing was
     *         saved, and the key frees itself (Redis: when its lease runs out)
     */
    void complete(@Nullable String replyXml);

    /**
     * Completes a delivery whose handlers ran past the reply deadline, as {@link #complete} does,
     * unless WeChat's last delivery gave up waiting meanwhile and was answered a placeholder
     * ({@link WxMessageAdmission.Outcome#PARKED}): then {@code replyXml} is parked in the sender's
     * session (attribute {@link WxParkedReplies#ATTRIBUTE}) for their next message, and the message
     * is cached as handled without a reply. Atomic with respect to the park request.
     *
     * @param cachedReplyXml what the message's later deliveries answer when not parked ({@code null}:
     *        nothing, e.g. when the reply goes out as a customer-service message)
     * @param replyXml the handlers' reply, parked if asked; {@code null} if there is none
     * @return whether the reply was parked (then send it nowhere else)
     * @throws WxDeliveryLostException as {@link #complete}
     */
    boolean completeLate(@Nullable String cachedReplyXml, @Nullable String replyXml);

    /**
     * The message failed: saves nothing and frees the key and the sender's turn at once, so
     * WeChat's retry handles the message again. Does nothing if the delivery has ended already;
     * never throws (a store it cannot reach frees the key by itself, within its lease).
     */
    void abandon();
}
