package io.github.wxsession.router;

import io.github.wxsession.message.WxXmlMessage;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The conditions of one routing rule, all of which must hold (AND); an unset condition holds for
 * every message, so {@link #ANY} matches them all. Names ({@code MsgType}, {@code Event}) compare
 * ignoring case, data ({@code EventKey}, {@code Content}, {@code FromUserName}, {@code AgentID})
 * exactly; content is compared with surrounding whitespace stripped; a regex must match the
 * whole value.
 *
 * <p>Immutable: each {@code with…} method answers a copy with that condition set (replacing an
 * earlier value). A rule builder ({@link WxMessageRouterRule}) and the starter's
 * {@code @WxHandler} both produce one. Two values are equal when they match the same messages by
 * the same conditions: names compared ignoring case, regexes by their source, a custom matcher
 * by identity. Two rules of equal conditions and order shadow each other.
 */
public final class WxRuleConditions {

    /** No condition: matches every message. */
    public static final WxRuleConditions ANY = new WxRuleConditions(null, null, null, null, null, null, null, null,
            null);

    private final String msgType;
    private final String event;
    private final String eventKey;
    private final Pattern eventKeyRegex;
    private final String content;
    private final Pattern contentRegex;
    private final String fromUser;
    /** Stripped of surrounding whitespace, as WeChat's value is before it is compared. */
    private final String agentId;
    private final WxMessageMatcher matcher;

    private WxRuleConditions(String msgType, String event, String eventKey, Pattern eventKeyRegex, String content,
            Pattern contentRegex, String fromUser, String agentId, WxMessageMatcher matcher) {
        this.msgType = msgType;
        this.event = event;
        this.eventKey = eventKey;
        this.eventKeyRegex = eventKeyRegex;
        this.content = content;
        this.contentRegex = contentRegex;
        this.fromUser = fromUser;
        this.agentId = agentId;
        this.matcher = matcher;
    }

    /** {@code MsgType} equals this, ignoring case; see {@code WxMsgType}. */
    public WxRuleConditions withMsgType(String msgType) {
        return new WxRuleConditions(required(msgType, "msgType"), event, eventKey, eventKeyRegex, content,
                contentRegex, fromUser, agentId, matcher);
    }

    /** {@code Event} equals this, ignoring case; see {@code WxEventType}. */
    public WxRuleConditions withEvent(String event) {
        return new WxRuleConditions(msgType, required(event, "event"), eventKey, eventKeyRegex, content,
                contentRegex, fromUser, agentId, matcher);
    }

    /** {@code EventKey} equals this exactly. */
    public WxRuleConditions withEventKey(String eventKey) {
        return new WxRuleConditions(msgType, event, required(eventKey, "eventKey"), eventKeyRegex, content,
                contentRegex, fromUser, agentId, matcher);
    }

    /**
     * {@code EventKey} matches this regex as a whole, e.g. {@code "qrscene_.*"}.
     *
     * @throws java.util.regex.PatternSyntaxException if it is not a valid regex
     */
    public WxRuleConditions withEventKeyRegex(String regex) {
        return new WxRuleConditions(msgType, event, eventKey, Pattern.compile(required(regex, "regex")), content,
                contentRegex, fromUser, agentId, matcher);
    }

    /** {@code Content}, stripped of surrounding whitespace, equals this exactly. */
    public WxRuleConditions withContent(String content) {
        return new WxRuleConditions(msgType, event, eventKey, eventKeyRegex, required(content, "content"),
                contentRegex, fromUser, agentId, matcher);
    }

    /**
     * {@code Content}, stripped of surrounding whitespace, matches this regex as a whole.
     *
     * @throws java.util.regex.PatternSyntaxException if it is not a valid regex
     */
    public WxRuleConditions withContentRegex(String regex) {
        return new WxRuleConditions(msgType, event, eventKey, eventKeyRegex, content,
                Pattern.compile(required(regex, "regex")), fromUser, agentId, matcher);
    }

    /** {@code FromUserName} (the sender's OpenID or WeCom UserID) equals this. */
    public WxRuleConditions withFromUser(String fromUser) {
        return new WxRuleConditions(msgType, event, eventKey, eventKeyRegex, content, contentRegex,
                required(fromUser, "fromUser"), agentId, matcher);
    }

    /** WeCom {@code AgentID} equals this, surrounding whitespace aside. */
    public WxRuleConditions withAgentId(String agentId) {
        return new WxRuleConditions(msgType, event, eventKey, eventKeyRegex, content, contentRegex, fromUser,
                required(agentId, "agentId").strip(), matcher);
    }

    /** A custom condition, checked after the others. */
    public WxRuleConditions withMatcher(WxMessageMatcher matcher) {
        return new WxRuleConditions(msgType, event, eventKey, eventKeyRegex, content, contentRegex, fromUser,
                agentId, required(matcher, "matcher"));
    }

    /** Whether every condition holds for {@code message}: cheap string checks first, then regexes, then the matcher. */
    public boolean matches(WxXmlMessage message) {
        return (msgType == null || msgType.equalsIgnoreCase(message.getMsgType()))
                && (event == null || event.equalsIgnoreCase(message.getEvent()))
                && (eventKey == null || eventKey.equals(message.getEventKey()))
                && (fromUser == null || fromUser.equals(message.getFromUserName()))
                && (agentId == null || agentIdMatches(message.getAgentId()))
                && (content == null || content.equals(strippedContent(message)))
                && (eventKeyRegex == null || fullMatch(eventKeyRegex, message.getEventKey()))
                && (contentRegex == null || fullMatch(contentRegex, strippedContent(message)))
                && (matcher == null || matcher.match(message));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WxRuleConditions that
                && Objects.equals(folded(msgType), folded(that.msgType))
                && Objects.equals(folded(event), folded(that.event))
                && Objects.equals(eventKey, that.eventKey)
                && Objects.equals(source(eventKeyRegex), source(that.eventKeyRegex))
                && Objects.equals(content, that.content)
                && Objects.equals(source(contentRegex), source(that.contentRegex))
                && Objects.equals(fromUser, that.fromUser)
                && Objects.equals(agentId, that.agentId)
                && Objects.equals(matcher, that.matcher);
    }

    @Override
    public int hashCode() {
        return Objects.hash(folded(msgType), folded(event), eventKey, source(eventKeyRegex), content,
                source(contentRegex), fromUser, agentId, matcher);
    }

    /** The conditions set, e.g. {@code WxRuleConditions[msgType=text, contentRegex=\d+]}. */
    @Override
    public String toString() {
        StringJoiner set = new StringJoiner(", ", "WxRuleConditions[", "]").setEmptyValue("WxRuleConditions[any]");
        add(set, "msgType", msgType);
        add(set, "event", event);
        add(set, "eventKey", eventKey);
        add(set, "eventKeyRegex", source(eventKeyRegex));
        add(set, "content", content);
        add(set, "contentRegex", source(contentRegex));
        add(set, "fromUser", fromUser);
        add(set, "agentId", agentId);
        add(set, "matcher", matcher);
        return set.toString();
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

    private static String source(Pattern pattern) {
        return pattern == null ? null : pattern.pattern();
    }

    private static void add(StringJoiner set, String name, Object value) {
        if (value != null) {
            set.add(name + "=" + value);
        }
    }

    /** Names compare ignoring case, so conditions that differ only in a name's case are equal. */
    private static String folded(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    private static <T> T required(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " must not be null");
    }
}
