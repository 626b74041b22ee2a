package io.github.wxsession.message;

/**
 * Where a WeCom AI-bot callback keeps what routing reads, so that its messages route like any
 * other: a condition on {@code msgType}, {@code content} or {@code event}, and the sender as
 * the session id, work unchanged. The raw members stay in the tree under their own names
 * ({@code message.get("chattype")}, {@code message.getElement("from").getChildText("userid")}).
 *
 * <table>
 * <caption>AI-bot members behind each getter</caption>
 * <tr><th>getter</th><th>AI-bot member</th></tr>
 * <tr><td>{@link WxXmlMessage#getToUserName()}</td><td>{@code aibotid}</td></tr>
 * <tr><td>{@link WxXmlMessage#getFromUserName()}</td><td>{@code from.userid}</td></tr>
 * <tr><td>{@link WxXmlMessage#getCreateTime()}</td><td>{@code create_time} (events only)</td></tr>
 * <tr><td>{@link WxXmlMessage#getMsgType()}</td><td>{@code msgtype}</td></tr>
 * <tr><td>{@link WxXmlMessage#getDeliveryId()}</td><td>{@code msgid}</td></tr>
 * <tr><td>{@link WxXmlMessage#getEvent()}</td><td>{@code event.eventtype}</td></tr>
 * <tr><td>{@link WxXmlMessage#getEventKey()}</td><td>{@code event.template_card_event.event_key}</td></tr>
 * <tr><td>{@link WxXmlMessage#getContent()}</td><td>{@code text.content}; {@code voice.content} (WeCom's
 * speech-to-text); for {@code mixed}, the text items joined by a line break</td></tr>
 * </table>
 *
 * <p>A group message ({@code chattype} {@code group}, only when the bot is mentioned) is the
 * sender's, like a single-chat one: it takes the sender's session, so a user is one
 * conversation with the bot wherever they talk to it. {@code chatid} says which group.
 */
public final class WxAibotFields {

    /** {@code chattype} of a group chat; {@code chatid} then names the group. */
    public static final String GROUP_CHAT = "group";

    private WxAibotFields() {
    }

    static WxXmlMessage message(WxXmlElement root) {
        String[] hot = new String[WxXmlMessage.HOT_COUNT];
        hot[0] = root.getChildText("aibotid");
        hot[1] = childText(root, "from", "userid");
        hot[2] = root.getChildText("create_time");
        hot[3] = root.getChildText("msgtype");
        hot[4] = root.getChildText("msgid");
        WxXmlElement event = root.getChild("event");
        if (event != null) {
            hot[5] = event.getChildText("eventtype");
            hot[6] = childText(event, "template_card_event", "event_key");
        }
        hot[7] = content(root, hot[3]);
        return new WxXmlMessage(root, hot);
    }

    private static String content(WxXmlElement root, String msgType) {
        if ("mixed".equals(msgType)) {
            WxXmlElement items = root.getChild("mixed") == null ? null : root.getChild("mixed").getChild("msg_item");
            if (items == null) {
                return null;
            }
            StringBuilder text = null;
            for (WxXmlElement item : items.getChildren("item")) {
                String part = childText(item, "text", "content");
                if (part != null) {
                    text = text == null ? new StringBuilder(part) : text.append('\n').append(part);
                }
            }
            return text == null ? null : text.toString();
        }
        String text = childText(root, "text", "content");
        return text != null ? text : childText(root, "voice", "content");
    }

    private static String childText(WxXmlElement parent, String child, String grandchild) {
        WxXmlElement element = parent.getChild(child);
        return element == null ? null : element.getChildText(grandchild);
    }
}
