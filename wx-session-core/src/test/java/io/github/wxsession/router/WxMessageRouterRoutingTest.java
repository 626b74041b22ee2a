package io.github.wxsession.router;

import static io.github.wxsession.router.Messages.content;
import static io.github.wxsession.router.Messages.event;
import static io.github.wxsession.router.Messages.replying;
import static io.github.wxsession.router.Messages.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.api.WxService;
import io.github.wxsession.message.WxEventType;
import io.github.wxsession.message.WxMsgType;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.session.WxSessionManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which rules a message reaches, in which order, and what it answers. */
class WxMessageRouterRoutingTest {

    private final WxMessageRouter router = new WxMessageRouter(Messages.WX_SERVICE);

    @Test
    void matchesMsgTypeIgnoringCase() {
        router.rule().msgType("TEXT").handler(replying("text")).end()
                .rule().msgType(WxMsgType.EVENT).handler(replying("event")).end();

        assertThat(content(router.route(text("hi")))).isEqualTo("text");
        assertThat(content(router.route(event("subscribe", null)))).isEqualTo("event");
    }

    @Test
    void matchesEventIgnoringCaseAsWeChatMixesCases() {
        router.rule().event("scan").handler(replying("scan")).end()
                .rule().event(WxEventType.SUBSCRIBE).handler(replying("subscribe")).end();

        assertThat(content(router.route(event("SCAN", "42")))).isEqualTo("scan");
        assertThat(content(router.route(event("subscribe", null)))).isEqualTo("subscribe");
        assertThat(router.route(event("CLICK", "k"))).isNull();
    }

    @Test
    void matchesEventKeyExactlyOrByWholeRegex() {
        router.rule().event(WxEventType.SUBSCRIBE).eventKeyRegex("qrscene_\\d+").handler(replying("scene")).end()
                .rule().event(WxEventType.CLICK).eventKey("MENU_A").handler(replying("menu a")).end();

        assertThat(content(router.route(event("subscribe", "qrscene_123")))).isEqualTo("scene");
        assertThat(router.route(event("subscribe", "qrscene_12x"))).as("the regex must match all of it").isNull();
        assertThat(router.route(event("subscribe", null))).isNull();
        assertThat(content(router.route(event("CLICK", "MENU_A")))).isEqualTo("menu a");
        assertThat(router.route(event("CLICK", "menu_a"))).as("event keys are data, compared exactly").isNull();
    }

    @Test
    void matchesContentExactlyAfterStrippingWhitespace() {
        router.rule().content("guess").handler(replying("new game")).end();

        assertThat(content(router.route(text(" guess\n")))).isEqualTo("new game");
        assertThat(router.route(text("Guess"))).isNull();
        assertThat(router.route(event("CLICK", "guess"))).as("no content, no match").isNull();
    }

    @Test
    void matchesContentByWholeRegex() {
        router.rule().contentRegex("\\d{1,3}").handler(replying("number")).end();

        assertThat(content(router.route(text("42 ")))).isEqualTo("number");
        assertThat(router.route(text("42a"))).isNull();
        assertThat(router.route(text("1234"))).isNull();
    }

    @Test
    void matchesFromUser() {
        router.rule().fromUser("oAdmin").handler(replying("admin")).end();

        assertThat(content(router.route(text(1, "oAdmin", "x")))).isEqualTo("admin");
        assertThat(router.route(text(2, "oOther", "x"))).isNull();
    }

    @Test
    void matchesWeComAgentId() {
        router.rule().agentId(1000002).handler(replying("app 2")).end()
                .rule().agentId("1000003").handler(replying("app 3")).end();
        String template = "<xml><ToUserName>corp</ToUserName><FromUserName>zhangsan</FromUserName><CreateTime>1</CreateTime>"
                + "<MsgType>text</MsgType><Content>hi</Content><MsgId>%d</MsgId><AgentID>%s</AgentID></xml>";

        assertThat(content(router.route(WxXmlMessage.fromXml(String.format(template, 1, "1000002"))))).isEqualTo("app 2");
        assertThat(content(router.route(WxXmlMessage.fromXml(String.format(template, 2, "1000003"))))).isEqualTo("app 3");
        assertThat(router.route(WxXmlMessage.fromXml(String.format(template, 3, "1000004")))).isNull();
        assertThat(router.route(text("no agent"))).isNull();
    }

    @Test
    void matchesACustomMatcher() {
        router.rule().matcher(message -> message.getContent() != null && message.getContent().length() > 5)
                .handler(replying("long")).end();

        assertThat(content(router.route(text("longer text")))).isEqualTo("long");
        assertThat(router.route(text("short"))).isNull();
    }

    @Test
    void combinesConditionsWithAnd() {
        router.rule().msgType(WxMsgType.TEXT).fromUser("oAdmin").contentRegex("ban \\w+")
                .matcher(message -> !message.getContent().contains("self")).handler(replying("banned")).end();

        assertThat(content(router.route(text(1, "oAdmin", "ban bob")))).isEqualTo("banned");
        assertThat(router.route(text(2, "oOther", "ban bob"))).isNull();
        assertThat(router.route(text(3, "oAdmin", "kick bob"))).isNull();
        assertThat(router.route(text(4, "oAdmin", "ban self"))).isNull();
    }

    @Test
    void aRuleWithoutConditionsCatchesEverything() {
        router.rule().content("a").handler(replying("a")).end()
                .rule().handler(replying("fallback")).end();

        assertThat(content(router.route(text("a")))).isEqualTo("a");
        assertThat(content(router.route(text("b")))).isEqualTo("fallback");
        assertThat(content(router.route(event("LOCATION", null)))).isEqualTo("fallback");
    }

    @Test
    void noMatchingRuleMeansNoReply() {
        router.rule().content("a").handler(replying("a")).end();

        assertThat(router.route(text("b"))).isNull();
        assertThat(router.routeToXml(text("b"))).isNull();
    }

    @Test
    void endStopsAtTheFirstMatchingRule() {
        List<String> ran = new ArrayList<>();
        router.rule().msgType(WxMsgType.TEXT).handler(recording(ran, "first")).end()
                .rule().msgType(WxMsgType.TEXT).handler(recording(ran, "second")).end();

        router.route(text("x"));

        assertThat(ran).containsExactly("first");
    }

    @Test
    void nextGoesOnToLaterRulesAndTheLastNonNullReplyWins() {
        List<String> ran = new ArrayList<>();
        router.rule().handler(recording(ran, "log")).next()
                .rule().handler(replying("first reply")).next()
                .rule().handler(recording(ran, "silent")).next()
                .rule().content("other").handler(replying("not matched")).end()
                .rule().handler(replying("second reply")).end()
                .rule().handler(recording(ran, "after end")).end();

        assertThat(content(router.route(text("x")))).isEqualTo("second reply");
        assertThat(ran).containsExactly("log", "silent");
    }

    @Test
    void severalHandlersOfOneRuleRunInOrderAndTheLastNonNullReplyWins() {
        List<String> ran = new ArrayList<>();
        router.rule().handler(replying("one"), recording(ran, "a"))
                .handler(replying("two"))
                .handler(recording(ran, "b")).end();

        assertThat(content(router.route(text("x")))).isEqualTo("two");
        assertThat(ran).containsExactly("a", "b");
    }

    @Test
    void lowerOrderRunsFirstAndEqualOrdersKeepTheirRegistrationOrder() {
        List<String> ran = new ArrayList<>();
        router.rule().order(10).handler(recording(ran, "late")).next()
                .rule().handler(recording(ran, "default 1")).next()
                .rule().order(-5).handler(recording(ran, "early")).next()
                .rule().handler(recording(ran, "default 2")).next()
                .rule().order(10).handler(recording(ran, "late 2")).next();

        router.route(text("x"));

        assertThat(ran).containsExactly("early", "default 1", "default 2", "late", "late 2");
    }

    @Test
    void aVetoSkipsTheRulesHandlersButAnEndRuleStillStopsRouting() {
        List<String> ran = new ArrayList<>();
        router.rule().content("blocked").interceptor((m, c, s, sm) -> false).handler(recording(ran, "vetoed")).end()
                .rule().handler(recording(ran, "later")).end();

        assertThat(router.route(text("blocked"))).isNull();
        assertThat(ran).isEmpty();

        router.route(text("other"));
        assertThat(ran).containsExactly("later");
    }

    @Test
    void aVetoedNextRuleLetsRoutingContinue() {
        List<String> ran = new ArrayList<>();
        router.rule().interceptor((m, c, s, sm) -> true, (m, c, s, sm) -> false).handler(recording(ran, "vetoed")).next()
                .rule().handler(replying("later")).end();

        assertThat(content(router.route(text("x")))).isEqualTo("later");
        assertThat(ran).isEmpty();
    }

    @Test
    void interceptorsRunInOrderAndStopAtTheFirstVeto() {
        List<String> ran = new ArrayList<>();
        router.rule()
                .interceptor((m, c, s, sm) -> ran.add("first"))
                .interceptor((m, c, s, sm) -> !ran.add("veto"))
                .interceptor((m, c, s, sm) -> ran.add("never"))
                .handler(recording(ran, "handler")).end();

        router.route(text("x"));

        assertThat(ran).containsExactly("first", "veto");
    }

    @Test
    void theContextIsSharedByInterceptorsAndHandlersOfAllRules() {
        router.rule().interceptor((m, context, s, sm) -> context.put("user", "alice") == null)
                .handler((m, context, s, sm) -> {
                    context.put("seen", context.get("user"));
                    return null;
                }).next()
                .rule().handler((m, context, s, sm) -> Messages.replying("hello " + context.get("seen")).handle(m, context, s, sm)).end();
        Map<String, Object> context = new HashMap<>();

        assertThat(content(router.route(text("x"), context))).isEqualTo("hello alice");
        assertThat(context).containsEntry("user", "alice").containsEntry("seen", "alice");
    }

    @Test
    void handlersAndInterceptorsGetTheRoutersServiceAndTheSessionManagerAsGiven() {
        WxSessionManager sessions = new Messages.OpaqueSessionManager();
        router.setSessionManager(sessions);
        List<Object> seen = new ArrayList<>();
        router.rule().interceptor((m, c, service, sessionManager) -> seen.add(service) && seen.add(sessionManager))
                .handler((m, c, service, sessionManager) -> {
                    seen.add(service);
                    seen.add(sessionManager);
                    return null;
                }).end();

        router.route(text("x"));

        assertThat(seen).containsExactly(Messages.WX_SERVICE, sessions, Messages.WX_SERVICE, sessions);
    }

    @Test
    void withoutASessionManagerHandlersGetNull() {
        List<WxSessionManager> seen = new ArrayList<>();
        router.rule().handler((m, c, s, sessionManager) -> {
            seen.add(sessionManager);
            return null;
        }).end();

        router.route(text("x"));

        assertThat(seen).containsOnlyNulls().hasSize(1);
    }

    @Test
    void routeToXmlAnswersTheRepliesWireForm() {
        router.rule().handler(replying("hello")).end();
        WxXmlMessage message = text("x");

        assertThat(router.routeToXml(message)).isEqualTo("<xml><ToUserName><![CDATA[oUser]]></ToUserName>"
                + "<FromUserName><![CDATA[gh_account]]></FromUserName><CreateTime>1</CreateTime>"
                + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content></xml>");
    }

    @Test
    void rulesAreCheckedWhenAdded() {
        assertThatThrownBy(() -> router.rule().msgType(WxMsgType.TEXT).end())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs at least one handler");
        WxMessageRouterRule rule = router.rule().handler(replying("x"));
        rule.end();
        assertThatThrownBy(rule::end).isInstanceOf(IllegalStateException.class).hasMessageContaining("already added");
        assertThatThrownBy(() -> router.rule().event(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("event must not be null");
        assertThatThrownBy(() -> router.rule().handler(replying("x"), (WxMessageHandler) null))
                .isInstanceOf(NullPointerException.class).hasMessage("handler must not be null");
        assertThatThrownBy(() -> new WxMessageRouter((WxService) null)).isInstanceOf(NullPointerException.class);
    }

    private static WxMessageHandler recording(List<String> ran, String name) {
        return (message, context, wxService, sessionManager) -> {
            ran.add(name);
            return null;
        };
    }
}
