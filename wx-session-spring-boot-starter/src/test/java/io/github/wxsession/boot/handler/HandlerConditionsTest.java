package io.github.wxsession.boot.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.router.WxRuleConditions;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** A {@code @WxHandler}'s conditions are the same value a rule builder makes of the same conditions. */
class HandlerConditionsTest {

    @Test
    void everyAttributeSetBecomesTheConditionTheRuleBuilderWouldSet() throws Exception {
        assertThat(conditionsOf("everything")).isEqualTo(WxRuleConditions.ANY.withMsgType("event")
                .withEvent("scan").withEventKey("qr_1").withEventKeyRegex("qr_.*").withContent("hi")
                .withContentRegex("h.").withFromUser("oAnn").withAgentId("1000002"));
    }

    @Test
    void anAnnotationWithoutConditionsMatchesEveryMessage() throws Exception {
        assertThat(conditionsOf("anything")).isEqualTo(WxRuleConditions.ANY);
    }

    @Test
    void aRegexThatDoesNotCompileNamesTheHandlerAndTheAttribute() {
        assertThatThrownBy(() -> conditionsOf("badRegex")).isInstanceOf(InvalidWxHandlerException.class)
                .hasMessageContaining("HandlerConditionsTest.badRegex()").hasMessageContaining("eventKeyRegex \"(\"");
    }

    private WxRuleConditions conditionsOf(String name) throws NoSuchMethodException {
        Method method = HandlerConditionsTest.class.getDeclaredMethod(name);
        return WxHandlerMethod.of(this, method, method.getAnnotation(WxHandler.class)).conditions();
    }

    @WxHandler(msgType = "EVENT", event = "SCAN", eventKey = "qr_1", eventKeyRegex = "qr_.*", content = "hi",
            contentRegex = "h.", fromUser = "oAnn", agentId = " 1000002", order = 5)
    String everything() {
        return null;
    }

    @WxHandler(order = 1, async = true)
    void anything() {
    }

    @WxHandler(eventKeyRegex = "(")
    void badRegex() {
    }
}
