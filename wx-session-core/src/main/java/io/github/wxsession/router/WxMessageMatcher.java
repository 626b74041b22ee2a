package io.github.wxsession.router;

import io.github.wxsession.message.WxXmlMessage;

/** A custom condition of a rule, checked after the built-in ones; see {@link WxMessageRouterRule#matcher}. */
@FunctionalInterface
public interface WxMessageMatcher {

    /** Whether the rule applies to this message. Called on the routing thread; keep it cheap. */
    boolean match(WxXmlMessage message);
}
