package io.github.wxsession.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.message.WxMessageParseException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** JSON bodies read into the XML model: the mini program's (json-callbacks.md §B.4) and the AI bot's (§A.2). */
class WxJsonMessageParserTest {

    private static final WxJsonMessageParser PARSER = WxJsonMessageParser.defaults();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void miniProgramTextMessageReadsLikeItsXml() {
        WxXmlMessage json = PARSER.parse(utf8("{\"ToUserName\":\"toUser\",\"FromUserName\":\"fromUser\","
                + "\"CreateTime\":1482048670,\"MsgType\":\"text\",\"Content\":\"this is a test\",\"MsgId\":1234567890123456}"));
        WxXmlMessage xml = WxXmlMessage.fromXml("<xml><ToUserName>toUser</ToUserName><FromUserName>fromUser</FromUserName>"
                + "<CreateTime>1482048670</CreateTime><MsgType>text</MsgType><Content>this is a test</Content>"
                + "<MsgId>1234567890123456</MsgId></xml>");

        assertThat(json.getRoot()).hasToString(xml.getRoot().toString());
        assertThat(json.getFromUserName()).isEqualTo("fromUser");
        assertThat(json.getContent()).isEqualTo("this is a test");
        assertThat(json.getMsgId()).isEqualTo(1234567890123456L);
        assertThat(json.getDeliveryId()).isEqualTo("1234567890123456");
        assertThat(json.getCreateTime()).isEqualTo(1482048670L);
    }

    @Test
    void miniProgramEventsAndPagesKeepEveryMember() {
        WxXmlMessage enter = PARSER.parse(utf8("{\"ToUserName\":\"toUser\",\"FromUserName\":\"fromUser\",\"CreateTime\":1482048670,"
                + "\"MsgType\":\"event\",\"Event\":\"user_enter_tempsession\",\"SessionFrom\":\"sessionFrom\"}"));
        WxXmlMessage page = PARSER.parse(utf8("{\"ToUserName\":\"toUser\",\"FromUserName\":\"fromUser\",\"CreateTime\":1482048670,"
                + "\"MsgType\":\"miniprogrampage\",\"MsgId\":1234567890123456,\"Title\":\"title\",\"AppId\":\"appid\","
                + "\"PagePath\":\"path\",\"ThumbUrl\":\"\",\"ThumbMediaId\":\"\"}"));

        assertThat(enter.isEvent(WxEventType.USER_ENTER_TEMPSESSION)).isTrue();
        assertThat(enter.get("SessionFrom")).isEqualTo("sessionFrom");
        assertThat(enter.getDeliveryId()).isNull();
        assertThat(page.getMsgType()).isEqualTo("miniprogrampage");
        assertThat(page.get("PagePath")).isEqualTo("path");
        assertThat(page.get("ThumbUrl")).isEmpty();
    }

    @Test
    void valuesKeepTheirLiteralsAndArraysBecomeItems() {
        WxXmlMessage message = PARSER.parse("{\"big\":9223372036854775807,\"f\":1.50,\"t\":true,\"n\":null,"
                + "\"list\":[\"a\",{\"k\":\"v\"},[1],null],\"unicode\":\"\\u5e7f\\u5dde \"}");

        assertThat(message.get("big")).isEqualTo("9223372036854775807");
        assertThat(message.get("f")).isEqualTo("1.50");
        assertThat(message.get("t")).isEqualTo("true");
        assertThat(message.get("n")).as("a null member reads as absent").isNull();
        assertThat(message.getElement("list").getChildren("item")).hasSize(3);
        assertThat(message.getElement("list")).hasToString("<list><item>a</item><item><k>v</k></item><item><item>1</item></item></list>");
        assertThat(message.get("unicode")).isEqualTo("广州 ");
    }

    @Test
    void aiBotTextMessageRoutesByItsOwnMembers() {
        WxXmlMessage message = PARSER.parseAibot(utf8("{\"msgid\":\"CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=\",\"aibotid\":\"AIBOTID\","
                + "\"chatid\":\"CHATID\",\"chattype\":\"group\",\"from\":{\"userid\":\"USERID\"},\"response_url\":\"RESPONSEURL\","
                + "\"msgtype\":\"text\",\"text\":{\"content\":\"@RobotA hello robot\"},"
                + "\"quote\":{\"msgtype\":\"text\",\"text\":{\"content\":\"quoted\"}}}"));

        assertThat(message.getMsgType()).isEqualTo("text");
        assertThat(message.getContent()).isEqualTo("@RobotA hello robot");
        assertThat(message.getFromUserName()).isEqualTo("USERID");
        assertThat(message.getToUserName()).isEqualTo("AIBOTID");
        assertThat(message.getDeliveryId()).isEqualTo("CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=");
        assertThat(message.get("chattype")).isEqualTo(WxAibotFields.GROUP_CHAT);
        assertThat(message.get("response_url")).isEqualTo("RESPONSEURL");
        assertThat(message.getElement("quote").getChild("text").getChildText("content")).isEqualTo("quoted");
        assertThatThrownBy(message::getMsgId).isInstanceOfSatisfying(WxMessageParseException.class,
                e -> assertThat(e.getReason()).isEqualTo(Reason.INVALID_NUMBER));
    }

    @Test
    void aiBotVoiceAndMixedMessagesHaveTheirTextAsContent() {
        WxXmlMessage voice = PARSER.parseAibot("{\"msgid\":\"1\",\"from\":{\"userid\":\"u\"},\"msgtype\":\"voice\","
                + "\"voice\":{\"content\":\"spoken\"}}");
        WxXmlMessage mixed = PARSER.parseAibot("{\"msgid\":\"2\",\"from\":{\"userid\":\"u\"},\"msgtype\":\"mixed\","
                + "\"mixed\":{\"msg_item\":[{\"msgtype\":\"text\",\"text\":{\"content\":\"one\"}},"
                + "{\"msgtype\":\"image\",\"image\":{\"url\":\"https://x\"}},{\"msgtype\":\"text\",\"text\":{\"content\":\"two\"}}]}}");
        WxXmlMessage image = PARSER.parseAibot("{\"msgid\":\"3\",\"from\":{\"userid\":\"u\"},\"msgtype\":\"image\","
                + "\"image\":{\"url\":\"https://x\"}}");

        assertThat(voice.getContent()).isEqualTo("spoken");
        assertThat(mixed.getContent()).isEqualTo("one\ntwo");
        assertThat(image.getContent()).isNull();
        assertThat(image.getElement("image").getChildText("url")).isEqualTo("https://x");
    }

    @Test
    void aiBotEventsCarryTheirTypeAndCardKey() {
        WxXmlMessage enter = PARSER.parseAibot("{\"msgid\":\"e1\",\"create_time\":1700000000,\"aibotid\":\"B\","
                + "\"from\":{\"userid\":\"u\",\"corpid\":\"c\"},\"msgtype\":\"event\",\"event\":{\"eventtype\":\"enter_chat\"}}");
        WxXmlMessage card = PARSER.parseAibot("{\"msgid\":\"e2\",\"from\":{\"userid\":\"u\"},\"msgtype\":\"event\","
                + "\"event\":{\"eventtype\":\"template_card_event\",\"template_card_event\":{\"card_type\":\"vote_interaction\","
                + "\"event_key\":\"submit\",\"task_id\":\"t1\",\"selected_items\":{\"selected_item\":[{\"question_key\":\"q\","
                + "\"option_ids\":{\"option_id\":[\"one\",\"two\"]}}]}}}}");

        assertThat(enter.isEvent("enter_chat")).isTrue();
        assertThat(enter.getCreateTime()).isEqualTo(1700000000L);
        assertThat(card.getEvent()).isEqualTo("template_card_event");
        assertThat(card.getEventKey()).isEqualTo("submit");
        assertThat(card.getElement("event").getChild("template_card_event").getChild("selected_items")
                .getChild("selected_item").getChild("item").getChild("option_ids").getChild("option_id")
                .getChildren("item")).extracting(WxXmlElement::getText).containsExactly("one", "two");
    }

    static Stream<Arguments> hostileBodies() {
        String deep = "{\"a\":".repeat(20) + "1" + "}".repeat(20);
        return Stream.of(
                Arguments.of("", Reason.EMPTY),
                Arguments.of("  \n", Reason.EMPTY),
                Arguments.of("[1,2]", Reason.UNEXPECTED_ROOT),
                Arguments.of("\"text\"", Reason.UNEXPECTED_ROOT),
                Arguments.of("{\"MsgType\":\"text\"", Reason.MALFORMED),
                Arguments.of("{\"MsgType\":\"text\"}{}", Reason.MALFORMED),
                Arguments.of("{\"MsgType\":\"text\"} x", Reason.MALFORMED),
                Arguments.of("{\"MsgType\":\"text\",\"MsgType\":\"event\"}", Reason.MALFORMED),
                Arguments.of("{MsgType:\"text\"}", Reason.MALFORMED),
                Arguments.of("{\"a\":01}", Reason.MALFORMED),
                Arguments.of("{\"a\":NaN}", Reason.MALFORMED),
                Arguments.of("<xml><MsgType>text</MsgType></xml>", Reason.MALFORMED),
                Arguments.of(deep, Reason.TOO_DEEP),
                Arguments.of("{\"a\":[" + "1,".repeat(10_000) + "1]}", Reason.TOO_MANY_ELEMENTS));
    }

    @ParameterizedTest
    @MethodSource("hostileBodies")
    void refusesHostileAndMalformedBodies(String body, Reason reason) {
        assertThatThrownBy(() -> PARSER.parse(utf8(body))).isInstanceOfSatisfying(WxMessageParseException.class,
                e -> assertThat(e.getReason()).isEqualTo(reason));
        assertThatThrownBy(() -> PARSER.parseAibot(body)).isInstanceOfSatisfying(WxMessageParseException.class,
                e -> assertThat(e.getReason()).isEqualTo(reason));
    }

    @Test
    void refusesOversizedAndInvalidUtf8BodiesBeforeParsing() {
        WxJsonMessageParser small = WxXmlMessageParser.builder().maxLength(32).build().json();

        assertThatThrownBy(() -> small.parse(utf8("{\"Content\":\"" + "x".repeat(40) + "\"}")))
                .isInstanceOfSatisfying(WxMessageParseException.class, e -> assertThat(e.getReason()).isEqualTo(Reason.TOO_LARGE));
        assertThatThrownBy(() -> PARSER.parse(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'}))
                .isInstanceOfSatisfying(WxMessageParseException.class,
                        e -> assertThat(e.getReason()).isEqualTo(Reason.INVALID_ENCODING));
        assertThat(small.parse(utf8("{\"Content\":\"ok\"}")).getContent()).isEqualTo("ok");
    }
}
