package io.github.wxsession.message;

/**
 * Values of {@code MsgType}, inbound and in replies.
 *
 * <p>Plain strings rather than an enum, so a type WeChat adds tomorrow is still a message and
 * matching stays a string comparison. WeChat sends them in lower case; the router and
 * {@link WxXmlMessage#isMsgType(String)} compare ignoring case all the same, like {@link WxEventType}.
 */
public final class WxMsgType {

    public static final String TEXT = "text";
    public static final String IMAGE = "image";
    public static final String VOICE = "voice";
    public static final String VIDEO = "video";
    public static final String SHORTVIDEO = "shortvideo";
    public static final String LOCATION = "location";
    public static final String LINK = "link";
    /** Mini program: a mini-program card sent in the customer-service chat. */
    public static final String MINIPROGRAMPAGE = "miniprogrampage";
    /** WeCom AI bot: text and images in one message. */
    public static final String MIXED = "mixed";
    /** WeCom AI bot: a file (its URL, valid 5 minutes). */
    public static final String FILE = "file";
    /** WeCom AI bot: WeCom asks for the current content of an unfinished streamed reply. */
    public static final String STREAM = "stream";
    /** Every event; the kind is in {@code Event} (see {@link WxEventType}). */
    public static final String EVENT = "event";

    /** Reply only: a music message. */
    public static final String MUSIC = "music";
    /** Reply only: articles (图文). */
    public static final String NEWS = "news";
    /** Reply only, WeCom AI bot: a template card; see {@code WxReplyBody.TemplateCard}. */
    public static final String TEMPLATE_CARD = "template_card";
    /** Reply only: hands the conversation to the customer-service (客服) system. */
    public static final String TRANSFER_CUSTOMER_SERVICE = "transfer_customer_service";

    private WxMsgType() {
    }
}
