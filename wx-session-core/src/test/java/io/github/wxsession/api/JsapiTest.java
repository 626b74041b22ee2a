package io.github.wxsession.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.wxsession.crypto.WxSignatures;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsapiTest {

    private static final String TICKET_PATH = "cgi-bin/ticket/getticket";

    private final ApiTestFixture fixture;

    JsapiTest() throws Exception {
        fixture = new ApiTestFixture();
        fixture.storage.updateAccessToken("T1", 7200);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void signatureReproducesTheOfficialVector() {
        // Vector V10.
        WxJsapiSignature signature = WxJsapiSignature.sign("wxapp",
                "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
                "Wm3WZYTPz0wzccnW", 1414587457L, "http://mp.weixin.qq.com?params=value");

        assertThat(signature.signature()).isEqualTo("0f9de62fce790f9a083d5c99e95740ceb90c27ed");
    }

    @Test
    void fragmentIsNotSigned() {
        WxJsapiSignature withFragment = WxJsapiSignature.sign("wxapp",
                "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
                "Wm3WZYTPz0wzccnW", 1414587457L, "http://mp.weixin.qq.com?params=value#/page/2");

        assertThat(withFragment.url()).isEqualTo("http://mp.weixin.qq.com?params=value");
        assertThat(withFragment.signature()).isEqualTo("0f9de62fce790f9a083d5c99e95740ceb90c27ed");
    }

    @Test
    void ticketIsFetchedWithTheAccessTokenAndCached() throws Exception {
        fixture.server.on(TICKET_PATH, ticket("TICKET1"));
        HttpWxService service = fixture.service();

        assertThat(service.getJsapiTicket()).isEqualTo("TICKET1");
        assertThat(service.getJsapiTicket()).isEqualTo("TICKET1");

        assertThat(fixture.server.calls(TICKET_PATH)).isEqualTo(1);
        assertThat(fixture.server.lastCall(TICKET_PATH).query())
                .containsExactly(Map.entry("access_token", "T1"), Map.entry("type", "jsapi"));
    }

    @Test
    void ticketIsRefreshedAheadOfExpiryAndOnDemand() throws Exception {
        fixture.server.on(TICKET_PATH, ticket("TICKET1"), ticket("TICKET2"), ticket("TICKET3"));
        HttpWxService service = fixture.service();
        service.getJsapiTicket();

        fixture.clock.advance(Duration.ofSeconds(7200 - 300));
        fixture.storage.updateAccessToken("T1", 7200);

        assertThat(service.getJsapiTicket()).isEqualTo("TICKET2");
        assertThat(service.getJsapiTicket(true)).isEqualTo("TICKET3");
        assertThat(fixture.server.calls(TICKET_PATH)).isEqualTo(3);
    }

    @Test
    void weComTicketComesFromItsOwnEndpoint() throws Exception {
        fixture.server.on("cgi-bin/get_jsapi_ticket", ticket("CPTICKET"));

        assertThat(fixture.service(config -> config.type(WxApiType.CP)).getJsapiTicket()).isEqualTo("CPTICKET");
    }

    @Test
    void pageSignatureUsesTheTicketTheClockAndAFreshNonce() throws Exception {
        fixture.server.on(TICKET_PATH, ticket("TICKET1"));
        HttpWxService service = fixture.service();

        WxJsapiSignature first = service.createJsapiSignature("https://example.com/game?x=1#top");
        WxJsapiSignature second = service.createJsapiSignature("https://example.com/game?x=1");

        assertThat(first.appId()).isEqualTo("wxapp");
        assertThat(first.timestamp()).isEqualTo(fixture.clock.instant().getEpochSecond());
        assertThat(first.url()).isEqualTo("https://example.com/game?x=1");
        assertThat(first.nonceStr()).matches("[A-Za-z0-9]{16}").isNotEqualTo(second.nonceStr());
        assertThat(first.signature()).isEqualTo(WxSignatures.sha1Hex("jsapi_ticket=TICKET1&noncestr=" + first.nonceStr()
                + "&timestamp=" + first.timestamp() + "&url=https://example.com/game?x=1"));
    }

    @Test
    void missingUrlIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> WxJsapiSignature.sign("a", "t", "n", 1L, ""))
                .withMessageContaining("url");
    }

    private static FakeWeChatServer.Answer ticket(String ticket) {
        return FakeWeChatServer.json("{\"errcode\":0,\"errmsg\":\"ok\",\"ticket\":\"" + ticket + "\",\"expires_in\":7200}");
    }
}
