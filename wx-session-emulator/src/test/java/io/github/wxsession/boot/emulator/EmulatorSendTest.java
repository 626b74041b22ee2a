package io.github.wxsession.boot.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.message.WxXmlMessage;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The page's backend: a user's action goes to the real callback as WeChat would send it, and the reply comes back as bubbles. */
class EmulatorSendTest extends EmulatorTestSupport {

    private static String replyText(JsonNode exchange) {
        assertThat(exchange.path("error").isNull()).as("error: %s", exchange.path("error")).isTrue();
        assertThat(exchange.path("replies")).hasSize(1);
        return exchange.path("replies").get(0).path("text").asText();
    }

    @Test
    void theEmulatorPageIsServedToThisMachine() throws Exception {
        HttpResponse<String> page = get("/wx-emulator");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(page.body()).contains("data-testid=\"message-input\"").doesNotContain("http://", "https://");
        assertThat(get("/wx-emulator/").statusCode()).isEqualTo(200);
    }

    @Test
    void theConfigurationListsTheAccountsAndWhichModesEachCanUse() throws Exception {
        JsonNode config = json(get("/wx-emulator/config"));

        assertThat(config.path("accounts")).hasSize(5);
        JsonNode shop = account(config, SHOP);
        assertThat(shop.path("name").asText()).isEqualTo("shop");
        assertThat(shop.path("originalId").asText()).matches("gh_[0-9a-f]{12}");
        assertThat(shop.path("safeMode").asBoolean()).isTrue();
        assertThat(account(config, PLAIN).path("safeMode").asBoolean()).isFalse();
        assertThat(account(config, CORP).path("plainMode").asBoolean()).isFalse();
        assertThat(account(config, CORP).path("type").asText()).isEqualTo("cp");
    }

    private static JsonNode account(JsonNode config, String appId) {
        for (JsonNode account : config.path("accounts")) {
            if (account.path("appId").asText().equals(appId)) {
                return account;
            }
        }
        throw new AssertionError("no account " + appId + " in " + config);
    }

    @Test
    void aPlainTextIsSignedAndPostedAsWeChatWould() throws Exception {
        JsonNode exchange = send(SHOP, "oUser-alice", "text", "hello <there> ]]> friend", "plain");

        assertThat(replyText(exchange)).isEqualTo("shop: hello <there> ]]> friend");
        WxXmlMessage sent = WxXmlMessage.fromXml(exchange.path("requestXml").asText());
        assertThat(sent.getToUserName()).isEqualTo(EmulatedWeChatServer.originalId(SHOP));
        assertThat(sent.getFromUserName()).isEqualTo("oUser-alice");
        assertThat(sent.getMsgType()).isEqualTo("text");
        assertThat(sent.getMsgId()).isPositive();
        assertThat(sent.getCreateTime()).isCloseTo(System.currentTimeMillis() / 1000, within(60L));
        assertThat(exchange.path("requestBody").asText()).isEqualTo(exchange.path("requestXml").asText());
        URI callback = URI.create(exchange.path("callbackUrl").asText());
        assertThat(callback.getPath()).isEqualTo("/wx/callback/" + SHOP);
        assertThat(callback.getQuery()).contains("signature=", "timestamp=", "nonce=", "openid=oUser-alice")
                .doesNotContain("encrypt_type");
    }

    @Test
    void safeModeEncryptsTheMessageAndChecksAndDecryptsTheReply() throws Exception {
        JsonNode exchange = send(SHOP, "oUser-safe", "text", "secret words", "safe");

        assertThat(replyText(exchange)).isEqualTo("shop: secret words");
        WxXmlMessage envelope = WxXmlMessage.fromXml(exchange.path("requestBody").asText());
        WxMessageCrypt crypt = WxMessageCrypt.of("shop-token", SHOP_KEY, SHOP);
        assertThat(crypt.decrypt(envelope.getEncrypt())).isEqualTo(exchange.path("requestXml").asText());
        assertThat(envelope.getContent()).isNull();
        assertThat(exchange.path("callbackUrl").asText()).contains("encrypt_type=aes", "msg_signature=");
        assertThat(exchange.path("responseBody").asText()).contains("<Encrypt>").doesNotContain("secret words");
        assertThat(exchange.path("responseXml").asText()).contains("shop: secret words");
    }

    @Test
    void theSessionCarriesTheConversationInBothModes() throws Exception {
        assertThat(replyText(send(SHOP, "oUser-counter", "text", "count", "plain"))).isEqualTo("count=1");
        assertThat(replyText(send(SHOP, "oUser-counter", "text", "count", "safe"))).isEqualTo("count=2");
        assertThat(replyText(send(SHOP, "oUser-other", "text", "count", "plain"))).isEqualTo("count=1");
    }

    @Test
    void followingAndMenuClicksAreEvents() throws Exception {
        JsonNode subscribe = send(SHOP, "oUser-fan", "subscribe", null, "plain");
        JsonNode click = send(SHOP, "oUser-fan", "click", "RULES", "safe");
        JsonNode unsubscribe = send(SHOP, "oUser-fan", "unsubscribe", null, "plain");

        assertThat(replyText(subscribe)).isEqualTo("Welcome!");
        assertThat(WxXmlMessage.fromXml(subscribe.path("requestXml").asText()).getEvent()).isEqualTo("subscribe");
        assertThat(replyText(click)).isEqualTo("The rules");
        assertThat(WxXmlMessage.fromXml(click.path("requestXml").asText()).getEventKey()).isEqualTo("RULES");
        assertThat(unsubscribe.path("replies")).isEmpty();
        assertThat(unsubscribe.path("responseBody").asText()).isEqualTo("success");
    }

    @Test
    void otherReplyTypesBecomeShortLabels() throws Exception {
        assertThat(replyText(send(SHOP, "oUser-reader", "text", "news", "plain"))).isEqualTo("[news] Release notes");
    }

    @Test
    void aFailingHandlerIsRetriedLikeWeChatDoesAndEndsInWeChatsErrorText() throws Exception {
        JsonNode outcome = send(SHOP, "oUser-unlucky", "text", "boom", "plain");

        assertThat(outcome.path("attempt").asInt()).isEqualTo(4);
        assertThat(outcome.path("status").asInt()).isEqualTo(500);
        assertThat(outcome.path("error").asText()).contains("HTTP 500");
        assertThat(outcome.path("replies")).isEmpty();
        assertThat(outcome.path("text").asText()).isEqualTo("该公众号暂时无法提供服务，请稍后再试");
        JsonNode feed = json(get("/wx-emulator/inbox?openid=oUser-unlucky&after=0")).path("messages");
        assertThat(feed).filteredOn(item -> item.path("kind").asText().equals("retry"))
                .extracting(item -> item.path("text").asText())
                .containsExactly("WeChat retried (2/4): the callback answered HTTP 500: handler-failed",
                        "WeChat retried (3/4): the callback answered HTTP 500: handler-failed",
                        "WeChat retried (4/4): the callback answered HTTP 500: handler-failed");
        assertThat(feed).extracting(item -> WxXmlMessage.fromXml(item.path("requestXml").asText()).getMsgId())
                .as("every attempt delivers the same message").hasSize(4).containsOnly(
                        WxXmlMessage.fromXml(outcome.path("requestXml").asText()).getMsgId());
    }

    @Test
    void sendAnswersAtOnceWithTheDeliverysNumberWhichIsTheMsgIdOfAText() throws Exception {
        HttpResponse<String> response = sendRaw(SHOP, "oUser-brisk", "text", "hi", "plain");

        assertThat(response.statusCode()).isEqualTo(202);
        long delivery = json(response).path("delivery").asLong();
        JsonNode outcome = awaitFeed("?openid=oUser-brisk&after=0",
                item -> item.path("delivery").asLong() == delivery);
        assertThat(outcome.path("kind").asText()).isEqualTo("outcome");
        assertThat(outcome.path("attempt").asInt()).isEqualTo(1);
        assertThat(outcome.path("text").isNull()).as("no error for the user").isTrue();
        assertThat(WxXmlMessage.fromXml(outcome.path("requestXml").asText()).getMsgId()).isEqualTo(delivery);
    }

    @Test
    void weComMessagesAreAlwaysEncryptedAndSignedWithMsgSignatureOnly() throws Exception {
        JsonNode exchange = send(CORP, "zhangsan", "text", "hi", "plain");

        assertThat(replyText(exchange)).isEqualTo("corp: hi");
        WxXmlMessage sent = WxXmlMessage.fromXml(exchange.path("requestXml").asText());
        assertThat(sent.getToUserName()).isEqualTo(CORP);
        assertThat(sent.getAgentId()).isEqualTo("1000002");
        assertThat(exchange.path("callbackUrl").asText()).contains("msg_signature=").doesNotContain("signature=&",
                "?signature", "encrypt_type");
    }

    @Test
    void anAsyncReplyArrivesThroughTheFakeApiInTheUsersInbox() throws Exception {
        long before = json(get("/wx-emulator/config")).path("inboxSeq").asLong();

        JsonNode exchange = send(SHOP, "oUser-patient", "text", "later", "safe");
        JsonNode weCom = send(CORP, "lisi", "text", "later", "safe");

        assertThat(exchange.path("replies")).isEmpty();
        assertThat(weCom.path("replies")).isEmpty();
        JsonNode shopMessage = awaitInbox("?account=" + SHOP + "&openid=oUser-patient&after=" + before);
        assertThat(shopMessage.path("text").asText()).isEqualTo("later from shop");
        assertThat(shopMessage.path("type").asText()).isEqualTo("text");
        assertThat(awaitInbox("?openid=lisi&after=" + before).path("text").asText()).isEqualTo("later from corp");
        JsonNode nothingNewer = json(get("/wx-emulator/inbox?after=" + shopMessage.path("seq").asLong()
                + "&openid=oUser-patient"));
        assertThat(nothingNewer.path("messages")).noneMatch(item -> item.path("kind").asText().equals("message"));
    }

    @Test
    void safeModeOnAnAccountWithoutAnAesKeyIsRefusedSayingWhatToSet() throws Exception {
        HttpResponse<String> response = sendRaw(PLAIN, "oUser-alice", "text", "hi", "safe");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).contains("wx.accounts.plain.aes-key");
        assertThat(replyText(send(PLAIN, "oUser-alice", "text", "hi", "plain"))).isEqualTo("plain: hi");
    }

    @Test
    void badRequestsAreRefusedWithAReason() throws Exception {
        assertThat(json(sendRaw(null, "oUser-alice", "text", "hi", "plain")).path("error").asText())
                .contains("several accounts");
        assertThat(sendRaw("wxNobody", "oUser-alice", "text", "hi", "plain").statusCode()).isEqualTo(400);
        assertThat(sendRaw(SHOP, "not an openid!", "text", "hi", "plain").statusCode()).isEqualTo(400);
        assertThat(sendRaw(SHOP, "oUser-alice", "dance", "hi", "plain").statusCode()).isEqualTo(400);
        assertThat(sendRaw(SHOP, "oUser-alice", "click", null, "plain").statusCode()).isEqualTo(400);
        assertThat(sendRaw(SHOP, "oUser-alice", "text", "hi", "compatible").statusCode()).isEqualTo(400);
        // A cross-site form post cannot send JSON without CORS, so nothing else is accepted.
        assertThat(post("/wx-emulator/send", "text/plain", "{\"openid\":\"o\"}").statusCode()).isEqualTo(415);
    }

    /** The first message the bot sent through the fake API that {@code query} selects. */
    private static JsonNode awaitInbox(String query) throws Exception {
        return awaitFeed(query, item -> item.path("kind").asText().equals("message"));
    }
}
