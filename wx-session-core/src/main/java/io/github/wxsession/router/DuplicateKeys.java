package io.github.wxsession.router;

import io.github.wxsession.message.WxXmlMessage;

/**
 * The de-duplication key of a message: what stays the same across WeChat's retries of one
 * message and differs between two messages.
 *
 * <ul>
 * <li>A normal message: its {@code MsgId}, as WeChat recommends.
 * <li>An event (no {@code MsgId}): {@code FromUserName + CreateTime}, as WeChat recommends, plus
 *     {@code Event}, {@code MsgID} and {@code EventKey}, because one user can cause two events in
 *     the same second (subscribe and SCAN, two menu clicks, two template jobs finishing) and
 *     those must not swallow each other. {@code EventKey} is last since it is the only free-form part.
 * </ul>
 * Both are namespaced by the receiving account, {@code ToUserName} plus the WeCom
 * {@code AgentID}: that is the account id exactly as WeChat sends it on every retry, needs no
 * configuration and keeps accounts sharing one store apart.
 */
final class DuplicateKeys {

    private DuplicateKeys() {
    }

    /** The key, or {@code null} when the message carries nothing to tell its deliveries apart by. */
    static String keyOf(WxXmlMessage message) {
        StringBuilder key = new StringBuilder(96).append(orEmpty(message.getToUserName()));
        String agentId = message.getAgentId();
        if (agentId != null && !agentId.isBlank()) {
            key.append('/').append(agentId.strip());
        }
        String msgId = message.get("MsgId");
        if (msgId != null && !msgId.isBlank()) {
            return key.append(":msg:").append(msgId.strip()).toString();
        }
        String from = message.getFromUserName();
        String createTime = message.get("CreateTime");
        if (from == null || createTime == null) {
            return null;
        }
        return key.append(":evt:").append(from)
                .append(':').append(createTime.strip())
                .append(':').append(orEmpty(message.getEvent()))
                .append(':').append(orEmpty(message.get("MsgID")).strip())
                .append(':').append(orEmpty(message.getEventKey()))
                .toString();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
