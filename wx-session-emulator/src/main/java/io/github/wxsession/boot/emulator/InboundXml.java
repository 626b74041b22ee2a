package io.github.wxsession.boot.emulator;

import io.github.wxsession.message.WxMsgType;
import org.jspecify.annotations.Nullable;

/**
 * The XML WeChat posts to a callback for a user's action, laid out as WeChat lays it out (one
 * element a line, text in CDATA), and the envelope that carries it encrypted.
 */
final class InboundXml {

    private InboundXml() {
    }

    /**
     * The plaintext message.
     *
     * @param toUserName the account's original id ({@code gh_…}), for WeCom the corp id
     * @param msgId used for text messages only; events have none
     * @param agentId the WeCom AgentID, or {@code null} for Official Accounts
     */
    static String message(PhoneAction action, String toUserName, String openid, long createTime, long msgId,
            @Nullable Integer agentId) {
        StringBuilder xml = new StringBuilder(256).append("<xml>\n");
        cdata(xml, "ToUserName", toUserName);
        cdata(xml, "FromUserName", openid);
        xml.append("<CreateTime>").append(createTime).append("</CreateTime>\n");
        if (action.kind() == PhoneAction.Kind.TEXT) {
            cdata(xml, "MsgType", WxMsgType.TEXT);
            cdata(xml, "Content", action.content());
            xml.append("<MsgId>").append(msgId).append("</MsgId>\n");
        } else {
            cdata(xml, "MsgType", WxMsgType.EVENT);
            cdata(xml, "Event", action.kind().event());
            if (action.kind() == PhoneAction.Kind.CLICK) {
                cdata(xml, "EventKey", action.eventKey());
            }
        }
        if (agentId != null) {
            xml.append("<AgentID>").append(agentId).append("</AgentID>\n");
        }
        return xml.append("</xml>").toString();
    }

    /** The body of an encrypted POST: only the recipient (and WeCom's AgentID) stay readable. */
    static String encrypted(String toUserName, @Nullable Integer agentId, String encrypt) {
        StringBuilder xml = new StringBuilder(encrypt.length() + 128).append("<xml>\n");
        cdata(xml, "ToUserName", toUserName);
        if (agentId != null) {
            cdata(xml, "AgentID", agentId.toString());
        }
        cdata(xml, "Encrypt", encrypt);
        return xml.append("</xml>").toString();
    }

    /** Appends {@code <name><![CDATA[value]]></name>}, splitting any {@code ]]>} in the value as XML requires. */
    private static void cdata(StringBuilder xml, String name, String value) {
        xml.append('<').append(name).append("><![CDATA[").append(value.replace("]]>", "]]]]><![CDATA[>"))
                .append("]]></").append(name).append(">\n");
    }
}
