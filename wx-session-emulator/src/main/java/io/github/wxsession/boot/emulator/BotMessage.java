package io.github.wxsession.boot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wxsession.message.WxMsgType;
import io.github.wxsession.message.WxXmlElement;
import io.github.wxsession.message.WxXmlMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A message from the bot as the emulated phone shows it: the text of a text message, a short
 * label such as {@code [image]} for anything else. Passive replies (XML) and customer-service
 * messages (JSON) end up as the same bubbles.
 *
 * @param type the WeChat {@code MsgType} / {@code msgtype}
 * @param text what the bubble says
 */
record BotMessage(String type, String text, @Nullable String streamId, boolean finished) {

    BotMessage(String type, String text) {
        this(type, text, null, true);
    }

    /**
     * A WeCom AI bot's passive reply, already decrypted: a stream (its content so far, with its id
     * and whether it is finished), a welcome text, a template card or a card's update.
     */
    static BotMessage fromAibotJson(JsonNode reply) {
        if (reply.has("response_type")) {
            return new BotMessage("template_card", label("card updated", reply.path("template_card").path("main_title")
                    .path("title").asText(null)));
        }
        String type = reply.path("msgtype").asText("");
        JsonNode content = reply.path(type);
        return switch (type) {
            case "stream" -> new BotMessage(type, content.path("content").asText(""), content.path("id").asText(""),
                    content.path("finish").asBoolean(false));
            case "text" -> new BotMessage(type, content.path("content").asText(""));
            case "template_card" -> new BotMessage(type, label("template card", content.path("main_title")
                    .path("title").asText(null)));
            default -> new BotMessage(type, label(type.isEmpty() ? "message" : type, null));
        };
    }

    /** A passive reply, already decrypted. */
    static BotMessage fromReplyXml(WxXmlMessage reply) {
        String type = String.valueOf(reply.getMsgType());
        return switch (type) {
            case WxMsgType.TEXT -> new BotMessage(type, String.valueOf(reply.getContent()));
            case WxMsgType.NEWS -> new BotMessage(type, label(type, firstArticleTitle(reply.getElement("Articles"))));
            case WxMsgType.VIDEO, WxMsgType.MUSIC -> new BotMessage(type, label(type, childText(reply, type)));
            case WxMsgType.TRANSFER_CUSTOMER_SERVICE -> new BotMessage(type, "[handed over to customer service]");
            default -> new BotMessage(type, label(type, null));
        };
    }

    /** The body of a customer-service message ({@code cgi-bin/message/custom/send}) or WeCom app message. */
    static BotMessage fromCustomJson(JsonNode message) {
        String type = message.path("msgtype").asText("");
        JsonNode content = message.path(type);
        return switch (type) {
            case "text" -> new BotMessage(type, content.path("content").asText(""));
            case "news" -> new BotMessage(type, label(type, content.path("articles").path(0).path("title").asText(null)));
            case "video", "music" -> new BotMessage(type, label(type, content.path("title").asText(null)));
            default -> new BotMessage(type, label(type.isEmpty() ? "message" : type, null));
        };
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("text", text);
        if (streamId != null) {
            json.put("streamId", streamId);
            json.put("finished", finished);
        }
        return json;
    }

    private static String label(String type, @Nullable String title) {
        return title == null || title.isBlank() ? "[" + type + "]" : "[" + type + "] " + title;
    }

    private static @Nullable String childText(WxXmlMessage reply, String type) {
        // <Video><Title>…</Title></Video>, <Music><Title>…</Title></Music>
        String element = Character.toUpperCase(type.charAt(0)) + type.substring(1);
        WxXmlElement part = reply.getElement(element);
        return part == null ? null : part.getChildText("Title");
    }

    private static @Nullable String firstArticleTitle(@Nullable WxXmlElement articles) {
        if (articles == null || articles.getChildren("item").isEmpty()) {
            return null;
        }
        return articles.getChildren("item").get(0).getChildText("Title");
    }
}
