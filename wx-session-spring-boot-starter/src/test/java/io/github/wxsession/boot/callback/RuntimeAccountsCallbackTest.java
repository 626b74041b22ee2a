package io.github.wxsession.boot.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.api.FakeWeChatServer;
import io.github.wxsession.boot.account.AccountTable;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccountSettings;
import io.github.wxsession.boot.account.WxAccountType;
import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.routing.WxMessageRouters;
import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.test.WeChatCallbackClient;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Accounts added, rotated and removed at runtime through the application's repository, over
 * real HTTP: nothing about them is in the properties, and nothing restarts.
 */
@SpringBootTest(classes = RuntimeAccountsTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RuntimeAccountsCallbackTest {

    private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final String ROTATED_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";

    static final CountDownLatch SENT = new CountDownLatch(1);
    static final FakeWeChatServer WECHAT_API = startApi();

    @Value("${local.server.port}")
    int port;

    @Autowired
    AccountTable database;

    @Autowired
    WxAccounts accounts;

    @Autowired
    WxMessageRouters routers;

    static FakeWeChatServer startApi() {
        try {
            FakeWeChatServer api = FakeWeChatServer.start();
            api.on("cgi-bin/token", FakeWeChatServer.token("rotated-token", 7200));
            api.on("cgi-bin/message/custom/send", FakeWeChatServer.after(SENT::countDown, FakeWeChatServer.ok()));
            return api;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // Only reload() applies a change in this test; WxAccountsTest covers the interval.
        registry.add("wx.account-cache.refresh-after", () -> "1h");
        registry.add("wx.api.base-url", WECHAT_API.baseUri()::toString);
    }

    @AfterAll
    static void stopApi() {
        WECHAT_API.close();
    }

    private void store(String appId, String name, String secret, String token, String aesKey) {
        database.rows.put(appId, WxAccountSettings.builder(WxAccountType.MP, appId).name(name).secret(secret)
                .token(token).aesKey(aesKey).build());
    }

    private WeChatCallbackClient client(String appId, String token) {
        return new WeChatCallbackClient(port, "/wx/callback/" + appId, token);
    }

    @Test
    void anAccountAddedToTheDatabaseIsServedFromItsFirstCallbackAndReadOnce() throws Exception {
        store("wxadded", "added", "s", "tok", AES_KEY);

        HttpResponse<String> first = client("wxadded", "tok").postPlain(WeChatCallbackClient.text("o1", "count"));
        HttpResponse<String> second = client("wxadded", "tok").postPlain(WeChatCallbackClient.text("o1", "count"));

        assertThat(first.body()).contains("1 from added");
        assertThat(second.body()).contains("2 from added");
        assertThat(database.queries("wxadded")).isEqualTo(1);
        assertThat(accounts.all()).extracting(WxAccount::appId).contains("wxadded");
    }

    @Test
    void anAppIdNobodyHasIs404AndTheDatabaseIsAskedOnce() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(client("wxnobody", "tok").postPlain(WeChatCallbackClient.text("o1", "count")).statusCode())
                    .isEqualTo(404);
        }
        assertThat(database.queries("wxnobody")).isEqualTo(1);
    }

    @Test
    void aRotatedTokenAndKeyStopTheOldOnesAndTheConversationGoesOn() throws Exception {
        store("wxrotated", "rotated", "old-secret", "old-token", AES_KEY);
        WxMessageCrypt oldCrypt = WxMessageCrypt.of("old-token", AES_KEY, "wxrotated");
        assertThat(client("wxrotated", "old-token").postSafe(oldCrypt, WeChatCallbackClient.text("o1", "count"))
                .statusCode()).isEqualTo(200);
        WxAccount before = accounts.findByAppId("wxrotated");

        store("wxrotated", "rotated", "new-secret", "new-token", ROTATED_KEY);
        WxAccount after = accounts.reload("wxrotated");

        assertThat(after).isSameAs(before);
        assertThat(client("wxrotated", "old-token").postPlain(WeChatCallbackClient.text("o1", "count"))
                .statusCode()).as("the old token no longer verifies").isEqualTo(403);
        assertThat(client("wxrotated", "old-token").postSafe(oldCrypt, WeChatCallbackClient.text("o1", "count"))
                .statusCode()).as("nor the old token and key in safe mode").isEqualTo(403);
        WxMessageCrypt newCrypt = WxMessageCrypt.of("new-token", ROTATED_KEY, "wxrotated");
        HttpResponse<String> rotated = client("wxrotated", "new-token")
                .postSafe(newCrypt, WeChatCallbackClient.text("o1", "count"));
        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(newCrypt.decrypt(WxXmlMessage.fromXml(rotated.body()).getEncrypt()))
                .as("the session survived the rotation").contains("2 from rotated");

        assertThat(client("wxrotated", "new-token").postSafe(newCrypt, WeChatCallbackClient.text("o2", "later"))
                .body()).isEqualTo("success");
        assertThat(SENT.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(WECHAT_API.lastCall("cgi-bin/token").query()).as("the API uses the new secret")
                .containsEntry("appid", "wxrotated").containsEntry("secret", "new-secret");
    }

    @Test
    void aRemovedAccountIs404AndItsSessionsAndRouterAreReleased() throws Exception {
        store("wxremoved", "removed", "s", "tok", AES_KEY);
        assertThat(client("wxremoved", "tok").postPlain(WeChatCallbackClient.text("o1", "count")).statusCode())
                .isEqualTo(200);
        WxAccount account = accounts.findByAppId("wxremoved");
        assertThat(account.sessionStore().getActiveSessionCount()).isEqualTo(1);

        database.rows.remove("wxremoved");
        assertThat(accounts.reload("wxremoved")).isNull();

        assertThat(client("wxremoved", "tok").postPlain(WeChatCallbackClient.text("o1", "count")).statusCode())
                .isEqualTo(404);
        assertThat(accounts.all()).doesNotContain(account);
        assertThat(accounts.inUse(account)).isFalse();
        assertThat(routers.forAccount(account)).as("a late request's router for it is not kept")
                .isNotSameAs(routers.forAccount(account));
        assertThat(account.sessionStore().getActiveSessionCount()).as("its sessions went with it").isZero();
    }

    @Test
    void whenTheDatabaseFailsANewAccountsCallbackGets503AndWeChatRetries() throws Exception {
        database.failure = new IllegalStateException("database down");
        try {
            assertThat(client("wxdown", "tok").postPlain(WeChatCallbackClient.text("o1", "count")).statusCode())
                    .isEqualTo(503);
        } finally {
            database.failure = null;
        }
        store("wxdown", "down", "s", "tok", AES_KEY);
        assertThat(client("wxdown", "tok").postPlain(WeChatCallbackClient.text("o1", "count")).body())
                .contains("1 from down");
    }
}
