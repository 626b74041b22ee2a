package io.github.wxsession.boot.emulator;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.github.wxsession.message.WxEventType;
import io.github.wxsession.message.WxMsgType;

/**
 * The JSON the JSON channels post for a user's action: a mini program's message push in JSON
 * format (PascalCase, as its XML) and a WeCom AI bot's callbacks (lower-case, {@code from.userid}),
 * with the envelopes that carry them encrypted.
 */
final class InboundJson {

    private InboundJson() {
    }

    /**
     * A mini program's message in JSON format; {@code subscribe} is the user entering the
     * customer-service chat ({@code user_enter_tempsession}), the only event of that chat.
     */
    static String miniProgram(PhoneAction action, String toUserName, String openid, long createTime, long msgId) {
        StringBuilder json = new StringBuilder(256).append("{\"ToUserName\":").append(quoted(toUserName))
                .append(",\"FromUserName\":").append(quoted(openid)).append(",\"CreateTime\":").append(createTime);
        switch (action.kind()) {
            case TEXT -> json.append(",\"MsgType\":\"text\",\"Content\":").append(quoted(action.content()))
                    .append(",\"MsgId\":").append(msgId);
            case SUBSCRIBE -> json.append(",\"MsgType\":\"event\",\"Event\":\"").append(WxEventType.USER_ENTER_TEMPSESSION)
                    .append("\",\"SessionFrom\":\"wx-emulator\"");
            default -> throw new EmulatorRequestException("a mini program's customer-service chat has text messages and"
                    + " entering the chat (subscribe), not " + action.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        return json.append('}').toString();
    }

    /** A mini program's encrypted POST body: the recipient and the ciphertext. */
    static String miniProgramEncrypted(String toUserName, String encrypt) {
        return "{\"ToUserName\":" + quoted(toUserName) + ",\"Encrypt\":" + quoted(encrypt) + "}";
    }

    /**
     * A WeCom AI-bot callback for the action: text in a single chat; {@code subscribe} opens the
     * chat ({@code enter_chat}); a menu click stands for a template-card button
     * ({@code template_card_event}, the key as {@code event_key}).
     */
    static String aibot(PhoneAction action, String botId, String userId, long msgId, long createTime) {
        StringBuilder json = new StringBuilder(256).append("{\"msgid\":\"emu-").append(msgId).append("\",\"aibotid\":")
                .append(quoted(botId)).append(",\"chattype\":\"single\",\"from\":{\"userid\":").append(quoted(userId))
                .append('}');
        switch (action.kind()) {
            case TEXT -> json.append(",\"msgtype\":\"text\",\"text\":{\"content\":").append(quoted(action.content()))
                    .append('}');
            case SUBSCRIBE -> json.append(",\"create_time\":").append(createTime).append(",\"msgtype\":\"event\",")
                    .append("\"event\":{\"eventtype\":\"").append(WxEventType.ENTER_CHAT).append("\"}");
            case CLICK -> json.append(",\"create_time\":").append(createTime).append(",\"msgtype\":\"event\",")
                    .append("\"event\":{\"eventtype\":\"").append(WxEventType.TEMPLATE_CARD_EVENT)
                    .append("\",\"template_card_event\":{\"card_type\":\"button_interaction\",\"event_key\":")
                    .append(quoted(action.eventKey())).append(",\"task_id\":\"emu-task\"}}");
            default -> throw new EmulatorRequestException("an AI bot has no unfollow: its users open the chat (subscribe),"
                    + " write, or press a card's button (click)");
        }
        return json.append('}').toString();
    }

    /** WeCom asking an AI bot for a stream's content so far. */
    static String aibotRefresh(String botId, String userId, String streamId, long msgId) {
        return "{\"msgid\":\"emu-" + msgId + "\",\"aibotid\":" + quoted(botId) + ",\"chattype\":\"single\","
                + "\"from\":{\"userid\":" + quoted(userId) + "},\"msgtype\":\"" + WxMsgType.STREAM
                + "\",\"stream\":{\"id\":" + quoted(streamId) + "}}";
    }

    /** An AI bot's POST body: the ciphertext alone. */
    static String aibotEncrypted(String encrypt) {
        return "{\"encrypt\":" + quoted(encrypt) + "}";
    }

    private static String quoted(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }
}
