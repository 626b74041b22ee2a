package io.github.wxsession.aibot;

import io.github.wxsession.message.WxEventType;
import io.github.wxsession.message.WxMsgType;
import io.github.wxsession.message.WxReplyBody;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.router.WxAsyncReplySender;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one AI-bot account answers, in plaintext JSON before encryption ({@code null}: the empty
 * body WeCom calls 空包). The router decides what a message's reply is, exactly once; this class
 * says it in the bot's terms (WeCom document 101031):
 *
 * <ul>
 * <li>a <b>refresh</b> ({@code msgtype} {@code stream}) is answered from the store at once, never
 *     routed and never de-duplicated: the stream's content so far, or nothing for a stream that
 *     is not stored (expired, or never announced);
 * <li>a <b>text</b> reply to a user's message is a stream finished at once, under the message's
 *     stream id; to {@code enter_chat}, the welcome text;
 * <li>a <b>template card</b> is sent as a card, or as the update of the clicked card when it
 *     answers a {@code template_card_event};
 * <li><b>no reply</b> yet (an async rule, a handler writing a {@link WxStream}, a late reply) is
 *     the message's stream as stored, if one was announced, else nothing;
 * <li>a {@code feedback_event} is answered with nothing, whatever a handler returned, as WeCom
 *     requires.
 * </ul>
 *
 * As the account's {@link WxAsyncReplySender}, it announces a stream when an async rule is
 * queued, and finishes that stream with the rule's text reply when it comes. Thread-safe.
 */
public final class WxAibotAnswers implements WxAsyncReplySender {

    /**
     * The routing-context entry through which a handler gets its message's stream: a
     * {@code Supplier<WxStream>} that opens it, put there by the AI bot's callback.
     */
    public static final String STREAM_CONTEXT_KEY = WxStream.class.getName();

    private static final System.Logger LOG = System.getLogger(WxAibotAnswers.class.getName());

    private final String account;
    private final WxStreams streams;

    /**
     * @param account the account's id in the stream store (its app id, the bot id)
     */
    public WxAibotAnswers(String account, WxStreams streams) {
        this.account = Objects.requireNonNull(account, "account");
        this.streams = Objects.requireNonNull(streams, "streams");
    }

    /** Whether {@code message} is WeCom asking for a stream's content, which is answered by {@link #refresh}. */
    public static boolean isRefresh(WxXmlMessage message) {
        return WxMsgType.STREAM.equals(message.getMsgType());
    }

    /** The answer to a refresh: the stream's content so far, or {@code null} when nothing is stored for it. */
    public @Nullable String refresh(WxXmlMessage refresh) {
        String id = refresh.getElement("stream") == null ? null : refresh.getElement("stream").getChildText("id");
        WxStreamState state = id == null || id.isEmpty() ? null : streams.find(account, id);
        return state == null ? null : WxAibotReplies.stream(state);
    }

    /** The stream a handler writes to for {@code message}, opened (and announced) on first use. */
    public WxStream stream(WxXmlMessage message) {
        return streams.open(account, deliveryId(message));
    }

    /**
     * As {@link #stream(WxXmlMessage)}, with {@code afterFirstWrite} run once after the handle's
     * first write is stored (see {@link WxStreams#open(String, String, Runnable)}).
     */
    public WxStream stream(WxXmlMessage message, Runnable afterFirstWrite) {
        return streams.open(account, deliveryId(message), afterFirstWrite);
    }

    /**
     * The answer to a routed message.
     *
     * @param replyXml what the router answered, or {@code null} for no reply (yet)
     * @throws IllegalStateException for a reply the AI bot cannot send (an image, articles, …)
     */
    public @Nullable String answer(WxXmlMessage message, @Nullable String replyXml) {
        if (message.isEvent(WxEventType.FEEDBACK_EVENT)) {
            return null;
        }
        if (replyXml == null) {
            return announced(message);
        }
        WxReplyBody body = WxXmlOutMessage.fromXml(replyXml).getBody();
        if (body instanceof WxReplyBody.TemplateCard card) {
            return message.isEvent(WxEventType.TEMPLATE_CARD_EVENT) ? WxAibotReplies.updateTemplateCard(card.json())
                    : WxAibotReplies.templateCard(card.json());
        }
        if (body instanceof WxReplyBody.Text text) {
            if (message.isEvent(WxEventType.ENTER_CHAT)) {
                return WxAibotReplies.text(text.content());
            }
            if (WxMsgType.EVENT.equals(message.getMsgType())) {
                throw new IllegalStateException("a text reply to the AI-bot event " + message.getEvent()
                        + " is not allowed: enter_chat takes text, template_card_event a card, feedback_event nothing");
            }
            return WxAibotReplies.stream(new WxStreamState(WxStreams.idOf(account, deliveryId(message)),
                    text.content(), true));
        }
        throw new IllegalStateException("an AI bot cannot reply with " + body.msgType()
                + "; it answers with text (a stream) or a template card");
    }

    /**
     * The answer while a message's reply is still coming (the reply deadline, a retry of a
     * message still running): its stream, announced now if it was not.
     */
    public String pending(WxXmlMessage message) {
        WxStream stream = stream(message);
        return WxAibotReplies.stream(new WxStreamState(stream.id(), stream.content(), stream.isFinished()));
    }

    /** The stream announced for {@code message}, as stored, or {@code null} if none was. */
    private @Nullable String announced(WxXmlMessage message) {
        String deliveryId = message.getDeliveryId();
        WxStreamState state = deliveryId == null ? null : streams.find(account, WxStreams.idOf(account, deliveryId));
        return state == null ? null : WxAibotReplies.stream(state);
    }

    @Override
    public void accepted(WxXmlMessage inbound) {
        stream(inbound);
    }

    /** Finishes the message's stream with an async rule's (or a late handler's) text reply. */
    @Override
    public void send(WxXmlMessage inbound, WxXmlOutMessage reply) {
        if (!(reply.getBody() instanceof WxReplyBody.Text text)) {
            throw new IllegalStateException("a reply that comes after the callback can only finish the AI bot's"
                    + " stream, with text; " + reply.getMsgType() + " cannot be sent later");
        }
        WxStream stream = stream(inbound);
        if (stream.isFinished() && stream.content().equals(text.content())) {
            // The handler wrote its stream and returned the same text: already said.
            return;
        }
        if (stream.isFinished()) {
            LOG.log(System.Logger.Level.WARNING, "stream " + stream.id() + " was already finished; the later reply"
                    + " to " + inbound + " is dropped");
            return;
        }
        stream.finish(text.content());
    }

    private static String deliveryId(WxXmlMessage message) {
        String id = message.getDeliveryId();
        if (id == null || id.isEmpty()) {
            throw new IllegalStateException("an AI-bot message without msgid has no stream: " + message);
        }
        return id;
    }
}
