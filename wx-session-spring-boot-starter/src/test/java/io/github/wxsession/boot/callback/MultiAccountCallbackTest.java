package io.github.wxsession.boot.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import io.github.wxsession.api.FakeWeChatServer;
import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.test.WeChatCallbackClient;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An Official Account and a WeCom app (official vector V1) side by side, each at its own path. */
@SpringBootTest(classes = MultiAccountTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MultiAccountCallbackTest {

    static final String CORP_ID = "wx5823bf96d3bd56c7";
    static final String CORP_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    static final String MP_APP_ID = "wxba5fad812f8e6fb9";
    static final WxMessageCrypt CORP_CRYPT = WxMessageCrypt.of("QDG6eK", CORP_KEY, CORP_ID);

    static final CountDownLatch SENT = new CountDownLatch(1);
    static final FakeWeChatServer WECHAT_API = startApi();

    @Value("${local.server.port}")
    int port;

    @Autowired
    WxCallbackController controller;

    static FakeWeChatServer startApi() {
        try {
            FakeWeChatServer api = FakeWeChatServer.start();
            api.on("cgi-bin/gettoken", FakeWeChatServer.token("corp-token", 7200));
            api.on("cgi-bin/message/send", FakeWeChatServer.after(SENT::countDown, FakeWeChatServer.ok()));
            return api;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void accounts(DynamicPropertyRegistry registry) {
        // The WeCom verification vector was signed in 2014: no replay window for it.
        registry.add("wx.callback.timestamp-tolerance", () -> "0");
        registry.add("wx.accounts.mp.app-id", () -> MP_APP_ID);
        registry.add("wx.accounts.mp.secret", () -> "mp-secret");
        registry.add("wx.accounts.mp.token", () -> "AAAAA");
        registry.add("wx.accounts.corp.type", () -> "cp");
        registry.add("wx.accounts.corp.app-id", () -> CORP_ID);
        registry.add("wx.accounts.corp.secret", () -> "corp-secret");
        registry.add("wx.accounts.corp.token", () -> "QDG6eK");
        registry.add("wx.accounts.corp.aes-key", () -> CORP_KEY);
        registry.add("wx.accounts.corp.agent-id", () -> "1000002");
        registry.add("wx.accounts.corp.api-base-url", () -> WECHAT_API.baseUri().toString());
    }

    @AfterAll
    static void stopApi() {
        WECHAT_API.close();
    }

    @Test
    void weComUrlVerificationAnswersTheDecryptedEchostrAsPlainText() throws Exception {
        HttpResponse<String> response = new WeChatCallbackClient(port, "/wx/callback/" + CORP_ID, "QDG6eK").get(
                "msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=1409659589&nonce=263014780"
                        + "&echostr=P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO"
                        + "%2BFZXvnaqQ%3D%3D");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("1616140317555161061");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
    }

    @Test
    void weComUrlVerificationWithAWrongSignatureIsForbidden() throws Exception {
        HttpResponse<String> response = new WeChatCallbackClient(port, "/wx/callback/" + CORP_ID, "QDG6eK").get(
                "msg_signature=0000000000000000000000000000000000000000&timestamp=1409659589&nonce=263014780"
                        + "&echostr=P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO"
                        + "%2BFZXvnaqQ%3D%3D");

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void eachAccountRunsItsOwnHandlersAndKnowsWhichAccountItIs() throws Exception {
        HttpResponse<String> corp = new WeChatCallbackClient(port, "/wx/callback/" + CORP_ID, "QDG6eK")
                .postWeCom(CORP_CRYPT, WeChatCallbackClient.text("zhangsan", "who"));
        HttpResponse<String> mp = new WeChatCallbackClient(port, "/wx/callback/" + MP_APP_ID, "AAAAA")
                .postPlain(WeChatCallbackClient.text("oMp", "who"));

        assertThat(corp.statusCode()).isEqualTo(200);
        WxXmlMessage envelope = WxXmlMessage.fromXml(corp.body());
        assertThat(CORP_CRYPT.decrypt(envelope.getEncrypt())).contains("corp handler for corp");
        assertThat(mp.body()).contains("any handler for mp");
    }

    @Test
    void asyncHandlersKnowTheirAccountAndReplyThroughItsApi() throws Exception {
        HttpResponse<String> response = new WeChatCallbackClient(port, "/wx/callback/" + CORP_ID, "QDG6eK")
                .postWeCom(CORP_CRYPT, WeChatCallbackClient.text("lisi", "later"));

        assertThat(response.body()).isEqualTo("success");
        assertThat(SENT.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(WECHAT_API.lastCall("cgi-bin/message/send").body())
                .contains("\"touser\":\"lisi\"", "\"agentid\":1000002", "later from corp");
        assertThat(WECHAT_API.lastCall("cgi-bin/message/send").query()).containsEntry("access_token", "corp-token");
    }

    @Test
    void weComSystemEventsOfOneSecondAreEachHandledOnceWithoutASessionAndAnIdenticalReDeliveryIsNot()
            throws Exception {
        WeChatCallbackClient wecom = new WeChatCallbackClient(port, "/wx/callback/" + CORP_ID, "QDG6eK");
        List<String> events = List.of(
                systemEvent("<Event>change_external_contact</Event><ChangeType>add_external_contact</ChangeType>"
                        + "<UserID>sales1</UserID><ExternalUserID>wmCustomerA</ExternalUserID>"),
                systemEvent("<Event>change_external_contact</Event><ChangeType>add_external_contact</ChangeType>"
                        + "<UserID>sales1</UserID><ExternalUserID>wmCustomerB</ExternalUserID>"),
                systemEvent("<Event>change_contact</Event><ChangeType>create_user</ChangeType><UserID>zhangsan</UserID>"),
                systemEvent("<Event>change_contact</Event><ChangeType>update_user</ChangeType><UserID>zhangsan</UserID>"),
                systemEvent("<Event>change_contact</Event><ChangeType>create_user</ChangeType><UserID>lisi</UserID>"),
                systemEvent("<Event>batch_job_result</Event><BatchJob><JobId>job1</JobId><JobType>sync_user</JobType>"
                        + "<ErrCode>0</ErrCode><ErrMsg>ok</ErrMsg></BatchJob>"),
                systemEvent("<Event>batch_job_result</Event><BatchJob><JobId>job2</JobId><JobType>sync_user</JobType>"
                        + "<ErrCode>0</ErrCode><ErrMsg>ok</ErrMsg></BatchJob>"));
        MultiAccountTestApplication.Handlers.SYSTEM_EVENTS.clear();

        for (String event : events) {
            assertThat(wecom.postWeCom(CORP_CRYPT, event).statusCode()).isEqualTo(200);
        }
        assertThat(wecom.postWeCom(CORP_CRYPT, events.get(0)).statusCode()).as("WeChat's retry").isEqualTo(200);

        assertThat(MultiAccountTestApplication.Handlers.SYSTEM_EVENTS).containsExactly(
                "change_external_contact/add_external_contact/sales1/wmCustomerA/null",
                "change_external_contact/add_external_contact/sales1/wmCustomerB/null",
                "change_contact/create_user/zhangsan/null/null",
                "change_contact/update_user/zhangsan/null/null",
                "change_contact/create_user/lisi/null/null",
                "batch_job_result/null/null/null/job1",
                "batch_job_result/null/null/null/job2");
    }

    private static String systemEvent(String fields) {
        return "<xml><ToUserName><![CDATA[" + CORP_ID + "]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
                + "<CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType>" + fields + "</xml>";
    }

    @Test
    void aWeComBodyIsBufferedAsItArrivesNotByTheLengthAnUnauthenticatedClientDeclares() throws Exception {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++) {
            // A forged msg_signature and a body far shorter than it claims: nothing here is WeCom's.
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/wx/callback/" + CORP_ID) {
                @Override
                public long getContentLengthLong() {
                    return 1_000_000;
                }
            };
            request.setContent("<xml><Encrypt><![CDATA[AAAA]]></Encrypt></xml>".getBytes(StandardCharsets.UTF_8));
            request.setParameter("timestamp", WeChatCallbackClient.now());
            request.setParameter("nonce", "1");
            request.setParameter("msg_signature", "0".repeat(40));
            MockHttpServletResponse response = new MockHttpServletResponse();
            long before = threads.getCurrentThreadAllocatedBytes();
            controller.receive(CORP_ID, request, response);
            allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
            assertThat(response.getStatus()).isEqualTo(403);
        }
        assertThat(allocated).as("bytes allocated for a request that claimed 1,000,000").isLessThan(100_000);
    }

    @Test
    void withSeveralAccountsTheBarePathAndUnknownAppIdsAreNotFound() throws Exception {
        assertThat(new WeChatCallbackClient(port, "/wx/callback", "AAAAA").postPlain(WeChatCallbackClient.text("o", "who"))
                .statusCode()).isEqualTo(404);
        assertThat(new WeChatCallbackClient(port, "/wx/callback/wxUnknown", "AAAAA").postPlain(WeChatCallbackClient.text("o", "who"))
                .statusCode()).isEqualTo(404);
    }
}
