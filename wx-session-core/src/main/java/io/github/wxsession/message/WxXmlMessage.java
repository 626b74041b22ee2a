package io.github.wxsession.message;

import io.github.wxsession.message.WxMessageParseException.Reason;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An inbound WeChat message or event (Official Account, WeCom, mini program, WeCom AI bot), as
 * the callback received it, in XML or in JSON ({@link WxJsonMessageParser} reads JSON into the
 * same element tree). Immutable and thread-safe.
 *
 * <p>Every element of the body is kept, known or not: the typed getters cover the common
 * fields, {@link #get(String)} reads any top-level element by name, and {@link #getElement(String)}
 * / {@link #getRoot()} reach nested ones as a {@link WxXmlElement} tree, e.g.
 * {@code getElement("SendPicsInfo").getChild("PicList").getChildren("item")}. Unknown message
 * types and events are ordinary messages with an unfamiliar {@link #getMsgType()} or
 * {@link #getEvent()}; nothing is rejected for being new.
 *
 * <p>String getters return the text exactly as sent (not trimmed) or {@code null} when the
 * element is absent. Numeric getters return {@code null} when the element is absent and throw
 * {@link WxMessageParseException} ({@link Reason#INVALID_NUMBER}) when it holds something else.
 *
 * <p>Names follow WeChat's documentation; see {@link WxMsgType} and {@link WxEventType} for the
 * values and for how their case is compared.
 */
public final class WxXmlMessage {

    static final int HOT_COUNT = 9;

    private final WxXmlElement root;

    // Pulled out once at parse time because routing reads them for every rule it tries.
    private final String toUserName;
    private final String fromUserName;
    private final String createTime;
    private final String msgType;
    private final String msgId;
    private final String event;
    private final String eventKey;
    private final String content;
    private final String agentId;

    WxXmlMessage(WxXmlElement root) {
        this(root, hotFields(root));
    }

    /**
     * A message whose routing fields are given rather than read by their XML names, for bodies
     * that name them otherwise (the WeCom AI bot's, see {@link WxAibotFields}). {@code hot} holds,
     * in order: ToUserName, FromUserName, CreateTime, MsgType, MsgId, Event, EventKey, Content,
     * AgentID; each may be {@code null}.
     */
    WxXmlMessage(WxXmlElement root, String[] hot) {
        this.root = root;
        this.toUserName = hot[0];
        this.fromUserName = hot[1];
        this.createTime = hot[2];
        this.msgType = hot[3];
        this.msgId = hot[4];
        this.event = hot[5];
        this.eventKey = hot[6];
        this.content = hot[7];
        this.agentId = hot[8];
    }

    private static String[] hotFields(WxXmlElement root) {
        // One pass with a string switch instead of nine lookups; the first occurrence wins, as in get(name).
        String[] hot = new String[HOT_COUNT];
        for (WxXmlElement element : root.childArray()) {
            int slot = hotSlot(element.getName());
            if (slot >= 0 && hot[slot] == null) {
                hot[slot] = element.getText();
            }
        }
        return hot;
    }

    private static int hotSlot(String name) {
        return switch (name) {
            case "ToUserName" -> 0;
            case "FromUserName" -> 1;
            case "CreateTime" -> 2;
            case "MsgType" -> 3;
            case "MsgId" -> 4;
            case "Event" -> 5;
            case "EventKey" -> 6;
            case "Content" -> 7;
            case "AgentID" -> 8;
            default -> -1;
        };
    }

    /**
     * Parses a callback body with the default limits of {@link WxXmlMessageParser#defaults()}.
     *
     * @throws WxMessageParseException if the body is empty, too large, hostile or malformed
     */
    public static WxXmlMessage fromXml(String xml) {
        return WxXmlMessageParser.defaults().parse(xml);
    }

    /**
     * Parses a callback body received as UTF-8 bytes, with the default limits.
     *
     * @throws WxMessageParseException if the body is empty, too large, not valid UTF-8, hostile
     *         or malformed
     */
    public static WxXmlMessage fromXml(byte[] xml) {
        return WxXmlMessageParser.defaults().parse(xml);
    }

    /** The {@code <xml>} root element, with every element of the body below it. */
    public WxXmlElement getRoot() {
        return root;
    }

    /** The top-level elements in document order. */
    public List<WxXmlElement> getElements() {
        return root.getChildren();
    }

    /** The first top-level element with this name, or {@code null}; use it for nested content. */
    public @Nullable WxXmlElement getElement(String elementName) {
        return root.getChild(elementName);
    }

    /**
     * The text of the first top-level element with this name, or {@code null} if there is none.
     * For an element that contains others the text is {@code ""}; use {@link #getElement(String)}.
     */
    public @Nullable String get(String elementName) {
        return root.getChildText(elementName);
    }

    /** Whether {@link #getMsgType()} is this type, ignoring case (see {@link WxMsgType}). */
    public boolean isMsgType(String type) {
        return msgType != null && msgType.equalsIgnoreCase(type);
    }

    /** Whether {@link #getEvent()} is this event, ignoring case (see {@link WxEventType}). */
    public boolean isEvent(String eventName) {
        return event != null && event.equalsIgnoreCase(eventName);
    }

    /** {@code ToUserName}: the receiving account (OA: its original id {@code gh_…}; WeCom: the CorpID). */
    public @Nullable String getToUserName() {
        return toUserName;
    }

    /** {@code FromUserName}: the sender (OA: the user's OpenID; WeCom: the UserID). */
    public @Nullable String getFromUserName() {
        return fromUserName;
    }

    /** {@code CreateTime} in epoch seconds. */
    public @Nullable Long getCreateTime() {
        return toLong("CreateTime", createTime);
    }

    /** {@code MsgType}, e.g. {@code text} or {@code event}; see {@link WxMsgType}. */
    public @Nullable String getMsgType() {
        return msgType;
    }

    /**
     * {@code MsgId}: the 64-bit id of a normal (non-event) message.
     *
     * @throws WxMessageParseException for an AI-bot message, whose id is not a number; use
     *         {@link #getDeliveryId()}
     */
    public @Nullable Long getMsgId() {
        return toLong("MsgId", msgId);
    }

    /**
     * The id WeChat gives this delivery, as sent, which its retries repeat: the {@code MsgId} of
     * XML and mini-program messages, the {@code msgid} string of WeCom AI-bot callbacks;
     * {@code null} for events that carry none.
     */
    public @Nullable String getDeliveryId() {
        return msgId;
    }

    /**
     * {@code MsgID} (capital D): the id of the template message or mass-send job that a
     * {@code TEMPLATESENDJOBFINISH} or {@code MASSSENDJOBFINISH} event reports on.
     */
    public @Nullable Long getEventMsgId() {
        return toLong("MsgID", get("MsgID"));
    }

    /** {@code MsgDataId}: set when the message was sent from an article. */
    public @Nullable String getMsgDataId() {
        return get("MsgDataId");
    }

    /** {@code Idx}: the article's position, with {@link #getMsgDataId()}. */
    public @Nullable String getIdx() {
        return get("Idx");
    }

    /** {@code AgentID}: the WeCom application the message is for; {@code null} for Official Accounts. */
    public @Nullable String getAgentId() {
        return agentId;
    }

    /** {@code Encrypt}: the ciphertext of a message sent in safe or compatible mode. */
    public @Nullable String getEncrypt() {
        return get("Encrypt");
    }

    /** {@code Content}: the text of a text message. */
    public @Nullable String getContent() {
        return content;
    }

    /** {@code PicUrl} of an image message. */
    public @Nullable String getPicUrl() {
        return get("PicUrl");
    }

    /** {@code MediaId} of an image, voice or video message. */
    public @Nullable String getMediaId() {
        return get("MediaId");
    }

    /** {@code Format} of a voice message, e.g. {@code amr}. */
    public @Nullable String getFormat() {
        return get("Format");
    }

    /** {@code Recognition}: the speech-recognition text of a voice message, when enabled. */
    public @Nullable String getRecognition() {
        return get("Recognition");
    }

    /** {@code ThumbMediaId} of a video or short-video message. */
    public @Nullable String getThumbMediaId() {
        return get("ThumbMediaId");
    }

    /** {@code Location_X}: the latitude of a location message. */
    public @Nullable Double getLocationX() {
        return toDouble("Location_X", get("Location_X"));
    }

    /** {@code Location_Y}: the longitude of a location message. */
    public @Nullable Double getLocationY() {
        return toDouble("Location_Y", get("Location_Y"));
    }

    /** {@code Scale}: the map zoom of a location message. */
    public @Nullable Double getScale() {
        return toDouble("Scale", get("Scale"));
    }

    /** {@code Label}: the place description of a location message. */
    public @Nullable String getLabel() {
        return get("Label");
    }

    /** {@code Title} of a link message. */
    public @Nullable String getTitle() {
        return get("Title");
    }

    /** {@code Description} of a link message. */
    public @Nullable String getDescription() {
        return get("Description");
    }

    /** {@code Url} of a link message. */
    public @Nullable String getUrl() {
        return get("Url");
    }

    /** {@code Event}: the event name when {@link #getMsgType()} is {@code event}; see {@link WxEventType}. */
    public @Nullable String getEvent() {
        return event;
    }

    /**
     * {@code EventKey}: the menu key (CLICK), the URL (VIEW), the QR scene ({@code qrscene_…} on
     * subscribe, bare on SCAN) and so on.
     */
    public @Nullable String getEventKey() {
        return eventKey;
    }

    /** {@code Ticket} of a parametric QR code (subscribe or SCAN). */
    public @Nullable String getTicket() {
        return get("Ticket");
    }

    /** {@code Latitude} of a LOCATION event. */
    public @Nullable Double getLatitude() {
        return toDouble("Latitude", get("Latitude"));
    }

    /** {@code Longitude} of a LOCATION event. */
    public @Nullable Double getLongitude() {
        return toDouble("Longitude", get("Longitude"));
    }

    /** {@code Precision} of a LOCATION event. */
    public @Nullable Double getPrecision() {
        return toDouble("Precision", get("Precision"));
    }

    /** {@code MenuId} of a VIEW event, when sent. */
    public @Nullable String getMenuId() {
        return get("MenuId");
    }

    /**
     * {@code Status} of a job event: {@code success} or a failure text for templates,
     * {@code send success} / {@code send fail} / {@code err(n)} for mass sends.
     */
    public @Nullable String getStatus() {
        return get("Status");
    }

    /** {@code TotalCount} of a MASSSENDJOBFINISH event. */
    public @Nullable Integer getTotalCount() {
        return toInteger("TotalCount", get("TotalCount"));
    }

    /** {@code FilterCount} of a MASSSENDJOBFINISH event. */
    public @Nullable Integer getFilterCount() {
        return toInteger("FilterCount", get("FilterCount"));
    }

    /** {@code SentCount} of a MASSSENDJOBFINISH event. */
    public @Nullable Integer getSentCount() {
        return toInteger("SentCount", get("SentCount"));
    }

    /** {@code ErrorCount} of a MASSSENDJOBFINISH event. */
    public @Nullable Integer getErrorCount() {
        return toInteger("ErrorCount", get("ErrorCount"));
    }

    /** {@code KfAccount} of a kf_create_session or kf_close_session event. */
    public @Nullable String getKfAccount() {
        return get("KfAccount");
    }

    /** {@code FromKfAccount} of a kf_switch_session event. */
    public @Nullable String getFromKfAccount() {
        return get("FromKfAccount");
    }

    /** {@code ToKfAccount} of a kf_switch_session event. */
    public @Nullable String getToKfAccount() {
        return get("ToKfAccount");
    }

    /** {@code ChangeType} of a WeCom change_contact event, e.g. {@code create_user}. */
    public @Nullable String getChangeType() {
        return get("ChangeType");
    }

    /** The identifying fields, for logs; the content is left out. */
    @Override
    public String toString() {
        return "WxXmlMessage{MsgType=" + msgType
                + (event != null ? ", Event=" + event : "")
                + (msgId != null ? ", MsgId=" + msgId : "")
                + ", FromUserName=" + fromUserName
                + ", ToUserName=" + toUserName
                + (agentId != null ? ", AgentID=" + agentId : "")
                + ", CreateTime=" + createTime + "}";
    }

    private static @Nullable Long toLong(String name, @Nullable String text) {
        return toNumber(name, text, Long::valueOf);
    }

    private static @Nullable Integer toInteger(String name, @Nullable String text) {
        return toNumber(name, text, Integer::valueOf);
    }

    private static @Nullable Double toDouble(String name, @Nullable String text) {
        return toNumber(name, text, Double::valueOf);
    }

    private static <N extends Number> @Nullable N toNumber(String name, @Nullable String text, Function<String, N> parse) {
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text.strip());
        } catch (NumberFormatException e) {
            throw new WxMessageParseException(Reason.INVALID_NUMBER, name + " is not a number: '" + text + "'", e);
        }
    }
}
