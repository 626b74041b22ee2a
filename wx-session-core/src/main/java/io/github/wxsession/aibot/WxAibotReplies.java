package io.github.wxsession.aibot;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.github.wxsession.message.WxReplyBody;
import java.util.Objects;

/**
 * The plaintext JSON of the AI bot's replies, before encryption: passive replies
 * (WeCom document 101031) and the {@code response_url} active reply (101138). Members are written
 * in the documented order; strings are escaped; a template card, given as its JSON object, is
 * checked to be one and embedded as it is.
 */
public final class WxAibotReplies {

    private WxAibotReplies() {
    }

    /** {@code {"msgtype":"stream","stream":{"id","finish","content"}}}: a stream's state, for a message or a refresh. */
    public static String stream(WxStreamState state) {
        return "{\"msgtype\":\"stream\",\"stream\":{\"id\":\"" + quoted(state.id()) + "\",\"finish\":" + state.finished()
                + ",\"content\":\"" + quoted(state.content()) + "\"}}";
    }

    /** {@code {"msgtype":"text","text":{"content"}}}: the welcome answer to {@code enter_chat}, and only to it. */
    public static String text(String content) {
        return "{\"msgtype\":\"text\",\"text\":{\"content\":\"" + quoted(Objects.requireNonNull(content, "content")) + "\"}}";
    }

    /** {@code {"msgtype":"template_card","template_card":…}}: a card, for a message or {@code enter_chat}. */
    public static String templateCard(String cardJson) {
        return "{\"msgtype\":\"template_card\",\"template_card\":" + requireObject(cardJson) + "}";
    }

    /**
     * {@code {"response_type":"update_template_card","template_card":…}}: the answer to a
     * {@code template_card_event}; the card's {@code task_id} must be the event's.
     */
    public static String updateTemplateCard(String cardJson) {
        return "{\"response_type\":\"update_template_card\",\"template_card\":" + requireObject(cardJson) + "}";
    }

    /** {@code {"msgtype":"markdown","markdown":{"content"}}}: an active reply through a message's {@code response_url}. */
    public static String markdown(String content) {
        Objects.requireNonNull(content, "content");
        int bytes = WxStream.utf8Length(content);
        if (bytes > WxStream.MAX_CONTENT_BYTES) {
            throw new WxStreamTooLongException("a markdown reply holds at most " + WxStream.MAX_CONTENT_BYTES
                    + " UTF-8 bytes, this one " + bytes);
        }
        return "{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"" + quoted(content) + "\"}}";
    }

    private static String requireObject(String cardJson) {
        return new WxReplyBody.TemplateCard(cardJson).json();
    }

    static String quoted(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }
}
