package io.github.wxsession.router;

import io.github.wxsession.message.WxXmlMessage;

/**
 * Makes each WeChat message run once although WeChat delivers it up to four times (a first
 * attempt and three retries when no answer came within 5 s).
 *
 * <p>The router calls {@link #claim} before handling a message and then exactly one of
 * {@link #complete} (handled, here is the reply) or {@link #release} (failed, let a retry
 * handle it) with the acquired claim. A store must give these guarantees:
 * <ul>
 * <li>at most one delivery of a key holds an {@link WxMessageClaim.Outcome#ACQUIRED ACQUIRED}
 *     claim at a time;
 * <li>a claim made while another delivery holds the key <em>waits</em>, up to a bound the store
 *     chooses (well under WeChat's 5 s), and then answers {@code HANDLED} with the same reply,
 *     {@code ACQUIRED} if the holder released it, or {@code IN_PROGRESS} if it is still running.
 *     How to wait is the store's business: a local store can block on a latch, a cluster store
 *     may poll;
 * <li>a completed key answers {@code HANDLED} with its reply for a while (a TTL of its choosing,
 *     long enough to cover WeChat's retries), and a released key is free at once;
 * <li>{@code complete} and {@code release} act only if the token still owns the key (a holder
 *     that outlived its lease must not overwrite a newer one), and never throw for a lost claim;
 * <li>memory stays bounded: entries expire.
 * </ul>
 *
 * <p>Replies are kept as the XML the callback sends ({@link io.github.wxsession.message.WxXmlOutMessage#toXml()}),
 * a plain string any store can hold. Its {@code CreateTime} is the first attempt's, which is
 * right: it is the same reply. Keys are built by the router (message id, or sender, time and event
 * for events, namespaced by the receiving account) and are safe to use as map or Redis keys.
 */
public interface WxMessageDuplicateChecker {

    /**
     * Claims {@code key} for this delivery, waiting a bounded time while another delivery holds it.
     *
     * @return never {@code null}
     */
    WxMessageClaim claim(String key);

    /**
     * Claims {@code key} for this delivery of {@code message}; the router calls this one. A store
     * that can use the message overrides it, e.g. to load the sender's session in the same round
     * trip as the claim. By default, {@link #claim(String)}.
     *
     * @return never {@code null}
     */
    default WxMessageClaim claim(String key, WxXmlMessage message) {
        return claim(key);
    }

    /**
     * Records that the acquired {@code claim}'s message was handled, with its reply.
     *
     * @param replyXml the reply's XML, {@code null} if the message was handled without a reply
     * @throws IllegalArgumentException if {@code claim} is not {@code ACQUIRED}
     * @throws RuntimeException if the outcome cannot be recorded (e.g. the store is unreachable);
     *         the router then fails the delivery, so WeChat's retry handles the message again
     */
    void complete(WxMessageClaim claim, String replyXml);

    /**
     * Gives the acquired {@code claim}'s key up after a failure, so the next delivery handles it.
     *
     * @throws IllegalArgumentException if {@code claim} is not {@code ACQUIRED}
     */
    void release(WxMessageClaim claim);
}
