package io.github.wxsession.router;

import io.github.wxsession.session.WxStoreUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * Where each delivery of a WeChat message begins its unit of work: de-duplication, the sender's
 * turn and the sender's session, with the same contract in every store.
 *
 * <p>WeChat delivers a message up to four times (a first attempt and three retries when no answer
 * came within 5 s). {@link #begin} answers one of:
 * <ul>
 * <li>{@link WxMessageAdmission.Outcome#HANDLED HANDLED}: an earlier delivery handled the message;
 *     answer its cached reply and run nothing;
 * <li>{@link WxMessageAdmission.Outcome#IN_PROGRESS IN_PROGRESS}: an earlier delivery is still
 *     handling it after a bounded wait (well under WeChat's 5 s); ask WeChat to retry later;
 * <li>{@link WxMessageAdmission.Outcome#PARKED PARKED}: as {@code IN_PROGRESS}, for the message's
 *     {@value #WECHAT_DELIVERIES}th delivery (WeChat's last) of a message with a sender: the gate
 *     asked the running delivery to park its reply in the sender's session; answer a placeholder;
 * <li>{@link WxMessageAdmission.Outcome#ACQUIRED ACQUIRED}, with a {@link WxDelivery} that holds
 *     the message and the sender's turn until it is {@linkplain WxDelivery#complete completed} or
 *     {@linkplain WxDelivery#abandon() abandoned}.
 * </ul>
 * A store must guarantee that:
 * <ul>
 * <li>at most one delivery of a key is acquired at a time, and a completed key answers
 *     {@code HANDLED} with its reply for a while (long enough to cover WeChat's retries);
 * <li>two deliveries of one sender are never acquired at the same time: a second one waits for
 *     the sender's turn, a bounded time, then fails with {@link WxSenderBusyException}; deliveries
 *     of different senders never wait for each other;
 * <li>an abandoned key is free at once, so WeChat's retry handles the message;
 * <li>a delivery that lost its hold (a cluster store's lease lapsed while the handler ran) saves
 *     nothing and caches nothing: its {@code complete} throws {@link WxDeliveryLostException};
 * <li>memory stays bounded: handled keys expire;
 * <li>deliveries of a key are counted while it is in progress, and a park request and the running
 *     delivery's {@link WxDelivery#completeLate completeLate} are atomic with respect to each other:
 *     either the request came first and the reply is parked, or the completion came first and the
 *     request finds the message handled.
 * </ul>
 * A gate serves one account: keys are unique within it ({@link WxMessageKeys}).
 */
public interface WxMessageGate {

    /** How many times WeChat delivers a message that is not answered in time: once, then three retries. */
    int WECHAT_DELIVERIES = 4;

    /**
     * Begins one delivery of message {@code key}, waiting a bounded time while another delivery
     * holds the key or the sender's turn.
     *
     * @param key the message's key, see {@link WxMessageKeys#keyOf}
     * @param sender whose turn and session the delivery takes ({@link WxMessageKeys#senderOf});
     *        {@code null} for a message without a user behind it (WeCom's {@code sys} events): no
     *        turn is taken and no session is loaded
     * @return never {@code null}
     * @throws WxSenderBusyException if another message of {@code sender} held its turn for the whole wait
     * @throws WxStoreUnavailableException if the store cannot be reached; nothing was taken
     */
    WxMessageAdmission begin(String key, @Nullable String sender);
}
