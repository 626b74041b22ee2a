package io.github.wxsession.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.message.WxXmlMessage;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

/** One immutable value for a rule's conditions: what it matches, and when two are the same. */
class WxRuleConditionsTest {

    private static final WxXmlMessage GUESS = WxXmlMessage.fromXml("<xml><ToUserName>gh</ToUserName>"
            + "<FromUserName>oAnn</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType>"
            + "<Content> 42\n</Content><MsgId>1</MsgId><AgentID>1000002</AgentID></xml>");

    @Test
    void anyMatchesEveryMessageAndEachConditionNarrowsIt() {
        assertThat(WxRuleConditions.ANY.matches(GUESS)).isTrue();
        WxRuleConditions guess = WxRuleConditions.ANY.withMsgType("TEXT").withContentRegex("\\d+")
                .withFromUser("oAnn").withAgentId(" 1000002 ");
        assertThat(guess.matches(GUESS)).as("names ignore case, content is stripped, agent ids too").isTrue();
        assertThat(guess.withContent("43").matches(GUESS)).isFalse();
        assertThat(guess.withMatcher(message -> false).matches(GUESS)).isFalse();
        assertThat(WxRuleConditions.ANY.withEvent("subscribe").matches(GUESS)).isFalse();
    }

    @Test
    void aWitherAnswersACopyAndLeavesTheOriginalAsItWas() {
        WxRuleConditions text = WxRuleConditions.ANY.withMsgType("text");
        WxRuleConditions guess = text.withContent("guess");
        assertThat(text).isNotEqualTo(guess).isEqualTo(WxRuleConditions.ANY.withMsgType("text"));
        assertThat(WxRuleConditions.ANY.withContent("a").withContent("b"))
                .as("setting a condition again keeps the last value")
                .isEqualTo(WxRuleConditions.ANY.withContent("b"));
    }

    @Test
    void equalConditionsAreEqualValuesWhateverTheCaseOfNamesOrTheOrderTheyWereSetIn() {
        WxRuleConditions one = WxRuleConditions.ANY.withMsgType("event").withEvent("SCAN").withEventKeyRegex("qr_.*")
                .withAgentId("7");
        WxRuleConditions other = WxRuleConditions.ANY.withAgentId(" 7").withEventKeyRegex("qr_.*").withEvent("scan")
                .withMsgType("EVENT");
        assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
        assertThat(one).isNotEqualTo(other.withEventKeyRegex("qr_.+"));
        assertThat(WxRuleConditions.ANY.withContent("Guess")).as("data compare exactly")
                .isNotEqualTo(WxRuleConditions.ANY.withContent("guess"));
        WxMessageMatcher matcher = message -> true;
        assertThat(WxRuleConditions.ANY.withMatcher(matcher)).isEqualTo(WxRuleConditions.ANY.withMatcher(matcher))
                .as("a custom matcher by identity").isNotEqualTo(WxRuleConditions.ANY.withMatcher(message -> true));
    }

    @Test
    void theRuleBuilderProducesTheValueItsConditionsDescribe() {
        WxMessageRouterRule rule = new WxMessageRouter(Messages.WX_SERVICE).rule().msgType("text").content("guess").order(3);
        assertThat(rule.conditions).isEqualTo(WxRuleConditions.ANY.withContent("guess").withMsgType("text"));
        WxRuleConditions given = WxRuleConditions.ANY.withEvent("subscribe");
        assertThat(rule.conditions(given).conditions).as("given at once, replacing those set").isSameAs(given);
        assertThat(rule.fromUser("oAnn").conditions).isEqualTo(given.withFromUser("oAnn"));
    }

    @Test
    void badInputFailsWhereItIsGiven() {
        assertThatNullPointerException().isThrownBy(() -> WxRuleConditions.ANY.withMsgType(null))
                .withMessage("msgType must not be null");
        assertThatThrownBy(() -> WxRuleConditions.ANY.withContentRegex("(")).isInstanceOf(PatternSyntaxException.class);
    }

    @Test
    void itSaysWhichConditionsAreSet() {
        assertThat(WxRuleConditions.ANY).hasToString("WxRuleConditions[any]");
        assertThat(WxRuleConditions.ANY.withContentRegex("\\d+").withMsgType("text"))
                .hasToString("WxRuleConditions[msgType=text, contentRegex=\\d+]");
    }
}
