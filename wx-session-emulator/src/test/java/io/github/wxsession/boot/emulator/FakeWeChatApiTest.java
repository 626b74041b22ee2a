package io.github.wxsession.boot.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wxsession.api.WxCode2SessionResult;
import io.github.wxsession.api.WxCustomMessage;
import io.github.wxsession.api.WxErrorException;
import io.github.wxsession.boot.account.WxAccounts;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The fake WeChat API answers as WeChat does, so the application's real API client is what runs. */
class FakeWeChatApiTest extends EmulatorTestSupport {

    @Autowired
    WxAccounts accounts;

    private static JsonNode api(String pathAndQuery) throws Exception {
        return json(get("/wx-emulator/api/" + pathAndQuery));
    }

    private static JsonNode apiPost(String pathAndQuery, String body) throws Exception {
        return json(post("/wx-emulator/api/" + pathAndQuery, "application/json", body));
    }

    @Test
    void aConfiguredAccountGetsATokenForTwoHours() throws Exception {
        JsonNode token = api("cgi-bin/token?grant_type=client_credential&appid=" + SHOP + "&secret=shop-secret");

        assertThat(token.path("access_token").asText()).startsWith("emu-token-");
        assertThat(token.path("expires_in").asInt()).isBetween(7190, 7200);
    }

    @Test
    void aWrongSecretOrUnknownAppIdIsRefusedWithWeChatsErrcodes() throws Exception {
        assertThat(api("cgi-bin/token?grant_type=client_credential&appid=" + SHOP + "&secret=nope")
                .path("errcode").asInt()).isEqualTo(40125);
        assertThat(api("cgi-bin/token?grant_type=client_credential&appid=wxNobody&secret=shop-secret")
                .path("errcode").asInt()).isEqualTo(40013);
        assertThat(api("cgi-bin/gettoken?corpid=" + CORP + "&corpsecret=nope").path("errcode").asInt())
                .isEqualTo(40001);
        // A WeCom corp id is not an Official Account.
        assertThat(api("cgi-bin/token?grant_type=client_credential&appid=" + CORP + "&secret=corp-secret")
                .path("errcode").asInt()).isEqualTo(40013);
    }

    @Test
    void theStableTokenStaysTheSameUntilForced() throws Exception {
        String body = "{\"grant_type\":\"client_credential\",\"appid\":\"" + PLAIN + "\",\"secret\":\"plain-secret\"";
        String first = apiPost("cgi-bin/stable_token", body + "}").path("access_token").asText();
        String again = apiPost("cgi-bin/stable_token", body + ",\"force_refresh\":false}").path("access_token").asText();
        String forced = apiPost("cgi-bin/stable_token", body + ",\"force_refresh\":true}").path("access_token").asText();

        assertThat(again).isEqualTo(first);
        assertThat(forced).startsWith("emu-token-").isNotEqualTo(first);
    }

    @Test
    void sendingNeedsATokenTheEmulatorIssued() throws Exception {
        JsonNode refused = apiPost("cgi-bin/message/custom/send?access_token=made-up",
                "{\"touser\":\"oUser-x\",\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}");

        assertThat(refused.path("errcode").asInt()).isEqualTo(40001);
    }

    @Test
    void theApplicationsApiClientSendsCustomerServiceMessagesIntoTheInbox() throws Exception {
        long before = json(get("/wx-emulator/config")).path("inboxSeq").asLong();

        accounts.get("shop").service().sendCustomMessage(WxCustomMessage.text("oUser-direct", "Hello from the API"));
        accounts.get("corp").service().sendCustomMessage(WxCustomMessage.text("wangwu|zhaoliu", "All hands"));

        JsonNode shop = json(get("/wx-emulator/inbox?openid=oUser-direct&after=" + before)).path("messages");
        assertThat(shop).hasSize(1);
        assertThat(shop.get(0).path("text").asText()).isEqualTo("Hello from the API");
        assertThat(shop.get(0).path("account").asText()).isEqualTo(SHOP);
        JsonNode corp = json(get("/wx-emulator/inbox?account=" + CORP + "&after=" + before)).path("messages");
        assertThat(corp).extracting(m -> m.path("openid").asText()).containsExactly("wangwu", "zhaoliu");
    }

    @Test
    void aMiniProgramLogsInWithTheCodeEmuDashOpenid() throws Exception {
        WxCode2SessionResult session = accounts.get("shop").service().code2Session("emu-oUser-alice");

        assertThat(session.openId()).isEqualTo("oUser-alice");
        assertThat(session.sessionKey()).isNotBlank();
        assertThatThrownBy(() -> accounts.get("shop").service().code2Session("a-real-code"))
                .isInstanceOfSatisfying(WxErrorException.class, e -> assertThat(e.getError().errorCode()).isEqualTo(40029));
    }

    @Test
    void aJsapiTicketIsIssuedForAValidToken() throws Exception {
        assertThat(accounts.get("plain").service().getJsapiTicket(false)).startsWith("emu-ticket-");
        assertThat(accounts.get("plain").service().createJsapiSignature("https://example.com/page").signature())
                .hasSize(40);
    }

    @Test
    void anApiTheEmulatorDoesNotHaveIsA404SayingSo() throws Exception {
        HttpResponse<String> response = get("/wx-emulator/api/cgi-bin/user/info?openid=x");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("errmsg").asText()).contains("does not implement cgi-bin/user/info");
    }
}
