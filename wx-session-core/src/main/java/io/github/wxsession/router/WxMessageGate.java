package io.github.wxsession.router;

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
 * <li>memory stays bounded: handled keys expire.
 * </ul>
 * A gate serves one account: keys are unique within it ({@link WxMessageKeys}).
 */
public interface WxMessageGate {

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
     * @throws RuntimeException if the store cannot be reached; nothing was taken
     */
    WxMessageAdmission begin(String key, String sender);
}
