package io.github.wxsession.message;

/**
 * Values of {@code Event} for {@code MsgType=event}, written as WeChat sends them.
 *
 * <p>WeChat mixes cases ({@code subscribe} but {@code SCAN}, {@code CLICK}, {@code LOCATION}) and
 * its documentation is not always consistent with what is sent, so event names are compared
 * <em>ignoring case</em> everywhere in this library (ASCII {@code equalsIgnoreCase}, as WxJava
 * does): {@code event("scan")} matches {@code SCAN}. Event keys, contents and user ids are data,
 * not names, and are compared exactly. Unknown events are kept as they are.
 */
public final class WxEventType {

    /** Followed the account; from a parametric QR code the EventKey is {@code qrscene_<scene>}. */
    public static final String SUBSCRIBE = "subscribe";
    /** Unfollowed the account; WeChat asks developers to delete the user's data. */
    public static final String UNSUBSCRIBE = "unsubscribe";
    /** Scanned a parametric QR code while already following; EventKey is the bare scene. */
    public static final String SCAN = "SCAN";
    /** Periodic location report. */
    public static final String LOCATION = "LOCATION";
    /** Menu click; EventKey is the menu key. */
    public static final String CLICK = "CLICK";
    /** Menu link opened; EventKey is the URL. */
    public static final String VIEW = "VIEW";
    public static final String SCANCODE_PUSH = "scancode_push";
    public static final String SCANCODE_WAITMSG = "scancode_waitmsg";
    public static final String PIC_SYSPHOTO = "pic_sysphoto";
    public static final String PIC_PHOTO_OR_ALBUM = "pic_photo_or_album";
    public static final String PIC_WEIXIN = "pic_weixin";
    public static final String LOCATION_SELECT = "location_select";
    public static final String VIEW_MINIPROGRAM = "view_miniprogram";
    /** A template message was delivered or failed; see {@code MsgID} and {@code Status}. */
    public static final String TEMPLATESENDJOBFINISH = "TEMPLATESENDJOBFINISH";
    /** A mass send finished; see {@code MsgID}, {@code Status} and the counts. */
    public static final String MASSSENDJOBFINISH = "MASSSENDJOBFINISH";
    public static final String KF_CREATE_SESSION = "kf_create_session";
    public static final String KF_CLOSE_SESSION = "kf_close_session";
    public static final String KF_SWITCH_SESSION = "kf_switch_session";
    /** WeCom: the user opened the application. */
    public static final String ENTER_AGENT = "enter_agent";
    /** WeCom: a member, department or tag changed; see {@code ChangeType}. */
    public static final String CHANGE_CONTACT = "change_contact";
    /** WeCom: an asynchronous batch job finished; details in {@code BatchJob}. */
    public static final String BATCH_JOB_RESULT = "batch_job_result";
    /** Mini program: the user entered the customer-service chat; see {@code SessionFrom}. */
    public static final String USER_ENTER_TEMPSESSION = "user_enter_tempsession";
    /** WeCom AI bot: the user opened the single chat, first time that day; may be welcomed. */
    public static final String ENTER_CHAT = "enter_chat";
    /** WeCom AI bot: a button, vote or menu of a template card; sent once, dropped after 5 s. */
    public static final String TEMPLATE_CARD_EVENT = "template_card_event";
    /** WeCom AI bot: the user rated a reply that carried a feedback id; answered with nothing. */
    public static final String FEEDBACK_EVENT = "feedback_event";

    private WxEventType() {
    }
}
