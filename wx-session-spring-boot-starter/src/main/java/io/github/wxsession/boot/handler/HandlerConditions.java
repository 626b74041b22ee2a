package io.github.wxsession.boot.handler;

import io.github.wxsession.router.WxRuleConditions;
import java.util.function.BiFunction;
import java.util.regex.PatternSyntaxException;

/** The conditions a {@link WxHandler} sets, as the router's value; an empty attribute sets none. */
final class HandlerConditions {

    private HandlerConditions() {
    }

    /**
     * @param handler how errors name the handler
     * @throws InvalidWxHandlerException naming the handler and the attribute if a regex does not compile
     */
    static WxRuleConditions of(WxHandler on, String handler) {
        WxRuleConditions conditions = WxRuleConditions.ANY;
        conditions = set(conditions, on.msgType(), WxRuleConditions::withMsgType);
        conditions = set(conditions, on.event(), WxRuleConditions::withEvent);
        conditions = set(conditions, on.eventKey(), WxRuleConditions::withEventKey);
        conditions = regex(conditions, on.eventKeyRegex(), WxRuleConditions::withEventKeyRegex, "eventKeyRegex",
                handler);
        conditions = set(conditions, on.content(), WxRuleConditions::withContent);
        conditions = regex(conditions, on.contentRegex(), WxRuleConditions::withContentRegex, "contentRegex",
                handler);
        conditions = set(conditions, on.fromUser(), WxRuleConditions::withFromUser);
        return set(conditions, on.agentId(), WxRuleConditions::withAgentId);
    }

    private static WxRuleConditions set(WxRuleConditions conditions, String value,
            BiFunction<WxRuleConditions, String, WxRuleConditions> with) {
        return value.isEmpty() ? conditions : with.apply(conditions, value);
    }

    private static WxRuleConditions regex(WxRuleConditions conditions, String regex,
            BiFunction<WxRuleConditions, String, WxRuleConditions> with, String attribute, String handler) {
        try {
            return set(conditions, regex, with);
        } catch (PatternSyntaxException e) {
            throw new InvalidWxHandlerException("@WxHandler " + handler + ": " + attribute + " \"" + regex
                    + "\" is not a valid regular expression: " + e.getDescription(), e);
        }
    }
}
