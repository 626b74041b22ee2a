package io.github.wxsession.router;

import io.github.wxsession.message.WxXmlMessage;
import java.util.regex.Pattern;

/**
 * The conditions of one rule, all of which must hold; an unset condition ({@code null}) holds
 * for every message. Names (MsgType, Event) compare ignoring case, data (EventKey, Content,
 * FromUserName, AgentID) exactly; regexes must match the whole value.
 */
final class RuleConditions {

    private final String msgType;
    private final String event;
    private final String eventKey;
    private final Pattern eventKeyPattern;
    private final String content;
    private final Pattern contentPattern;
    private final String fromUser;
    private final String agentId;
    private final WxMessageMatcher matcher;

    RuleConditions(WxMessageRouterRule rule) {
        this.msgType = rule.msgType;
        this.event = rule.event;
        this.eventKey = rule.eventKey;
        this.eventKeyPattern = rule.eventKeyPattern;
        this.content = rule.content;
        this.contentPattern = rule.contentPattern;
        this.fromUser = rule.fromUser;
        this.agentId = rule.agentId;
        this.matcher = rule.matcher;
    }

    /** Cheap string checks first, then regexes, then the custom matcher. */
    boolean matches(WxXmlMessage message) {
        return (msgType == null || msgType.equalsIgnoreCase(message.getMsgType()))
                && (event == null || event.equalsIgnoreCase(message.getEvent()))
                && (eventKey == null || eventKey.equals(message.getEventKey()))
                && (fromUser == null || fromUser.equals(message.getFromUserName()))
                && (agentId == null || agentIdMatches(message.getAgentId()))
                && (content == null || content.equals(strippedContent(message)))
                && (eventKeyPattern == null || fullMatch(eventKeyPattern, message.getEventKey()))
                && (contentPattern == null || fullMatch(contentPattern, strippedContent(message)))
                && (matcher == null || matcher.match(message));
    }

    private boolean agentIdMatches(String actual) {
        return actual != null && agentId.equals(actual.strip());
    }

    /** Users often type a trailing space or newline; {@code strip()} allocates only when there is one. */
    private static String strippedContent(WxXmlMessage message) {
        String text = message.getContent();
        return text == null ? null : text.strip();
    }

    private static boolean fullMatch(Pattern pattern, String value) {
        return value != null && pattern.matcher(value).matches();
    }
}
