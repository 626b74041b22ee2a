package io.github.wxsession.boot.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.api.HttpWxService;
import io.github.wxsession.api.WxApiConfig;
import io.github.wxsession.session.InMemoryWxSessionStore;
import io.github.wxsession.test.MutableClock;
import io.github.wxsession.token.InMemoryWxConfigStorage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WxAccountsTest {

    private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final AccountTable database = new AccountTable();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private WxAccounts accounts = accounts(10);

    private WxAccounts accounts(int maxUnknown) {
        WxAccounts made = new WxAccounts(database,
                settings -> InMemoryWxConfigStorage.builder().appId(settings.appId()).secret(settings.secret()).build(),
                (settings, storage) -> new HttpWxService(WxApiConfig.builder().build(), storage),
                settings -> InMemoryWxSessionStore.builder().build(),
                new WxAccountListener() {
                    @Override
                    public void added(WxAccount account) {
                        heard.add("added " + account.name() + " " + account.type());
                    }

                    @Override
                    public void removed(WxAccount account) {
                        heard.add("removed " + account.name() + " " + account.type());
                    }
                }, Duration.ofMinutes(1), maxUnknown, clock);
        made.start();
        return made;
    }

    private static WxAccountSettings shop(String token) {
        return WxAccountSettings.builder(WxAccountType.MP, "wxshop").name("shop").secret("s1").token(token).build();
    }

    @AfterEach
    void close() {
        accounts.stop();
        accounts.close();
    }

    @Test
    void anAccountIsSetUpByItsFirstLookupAndKeptWithoutAskingAgain() {
        database.put(shop("t1"));

        WxAccount first = accounts.findByAppId("wxshop");
        WxAccount again = accounts.findByAppId("wxshop");

        assertThat(first).isNotNull().isSameAs(again);
        assertThat(first.name()).isEqualTo("shop");
        assertThat(accounts.get("shop")).isSameAs(first);
        assertThat(accounts.all()).containsExactly(first);
        assertThat(database.queries("wxshop")).isEqualTo(1);
        assertThat(heard).containsExactly("added shop MP");
    }

    @Test
    void aStaleAccountIsReadAgainAndARotationKeepsTheObjectAndItsSessions() {
        database.put(shop("t1"));
        WxAccount account = accounts.findByAppId("wxshop");
        account.sessionStore().getSession("o1").setAttribute("n", 3);
        database.put(WxAccountSettings.builder(WxAccountType.MP, "wxshop").name("shop").secret("s2").token("t2")
                .aesKey(AES_KEY).build());

        clock.advance(Duration.ofSeconds(59));
        assertThat(accounts.findByAppId("wxshop").settings().token()).as("within refresh-after").isEqualTo("t1");
        clock.advance(Duration.ofSeconds(1));
        WxAccount rotated = accounts.findByAppId("wxshop");

        assertThat(rotated).isSameAs(account);
        assertThat(rotated.settings().token()).isEqualTo("t2");
        assertThat(rotated.crypt()).isNotNull();
        assertThat(rotated.configStorage().getSecret()).isEqualTo("s2");
        assertThat(((HttpWxService) rotated.client()).getConfigStorage().getSecret()).isEqualTo("s2");
        assertThat(rotated.sessionStore().getSession("o1", false).getAttribute("n")).isEqualTo(3);
        assertThat(database.queries("wxshop")).isEqualTo(2);
        assertThat(heard).containsExactly("added shop MP");
    }

    @Test
    void whileTheRepositoryFailsAStaleAccountGoesOnAsItWas() {
        database.put(shop("t1"));
        WxAccount account = accounts.findByAppId("wxshop");
        database.failure = new IllegalStateException("database down");
        clock.advance(Duration.ofMinutes(2));

        assertThat(accounts.findByAppId("wxshop")).isSameAs(account);
        assertThat(accounts.findByAppId("wxshop")).as("not asked again at once").isSameAs(account);
        assertThat(database.queries("wxshop")).isEqualTo(2);
    }

    @Test
    void aFailedFirstLookupIsTheCallersErrorAndNotRemembered() {
        database.failure = new IllegalStateException("database down");
        assertThatThrownBy(() -> accounts.findByAppId("wxshop")).hasMessage("database down");

        database.failure = null;
        database.put(shop("t1"));
        assertThat(accounts.findByAppId("wxshop")).isNotNull();
    }

    @Test
    void aRemovedAccountIsReleasedAndItsAppIdThenUnknown() {
        database.put(shop("t1"));
        WxAccount account = accounts.findByAppId("wxshop");
        database.rows.remove("wxshop");

        assertThat(accounts.reload("wxshop")).isNull();

        assertThat(accounts.all()).isEmpty();
        assertThat(accounts.findByAppId("wxshop")).isNull();
        assertThatThrownBy(() -> accounts.get("shop")).hasMessageContaining("No WeChat account named 'shop'");
        assertThat(heard).containsExactly("added shop MP", "removed shop MP");
        assertThat(account.sessionStore().getActiveSessionCount()).isZero();
    }

    @Test
    void anotherTypeReplacesTheAccount() {
        database.put(shop("t1"));
        WxAccount before = accounts.findByAppId("wxshop");
        database.put(WxAccountSettings.builder(WxAccountType.MINIAPP, "wxshop").name("shop").secret("s1").token("t1")
                .build());

        WxAccount after = accounts.reload("wxshop");

        assertThat(after).isNotSameAs(before);
        assertThat(after.type()).isEqualTo(WxAccountType.MINIAPP);
        assertThat(accounts.all()).containsExactly(after);
        assertThat(heard).containsExactly("added shop MP", "removed shop MP", "added shop MINIAPP");
    }

    @Test
    void unknownAppIdsAreAskedOncePerIntervalAndOnlyABoundedNumberIsRemembered() {
        accounts = accounts(2);
        for (int i = 0; i < 3; i++) {
            assertThat(accounts.findByAppId("a")).isNull();
        }
        assertThat(database.queries("a")).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(accounts.findByAppId("a")).isNull();
        assertThat(database.queries("a")).as("asked again after refresh-after").isEqualTo(2);

        accounts.findByAppId("b");
        accounts.findByAppId("c");
        accounts.findByAppId("a");
        accounts.findByAppId("c");
        assertThat(database.queries("a")).as("forgotten, the oldest of three").isEqualTo(3);
        assertThat(database.queries("c")).isEqualTo(1);
    }

    @Test
    void reloadSetsUpAnAccountAddedSinceItsAppIdWasFoundMissing() {
        assertThat(accounts.findByAppId("wxshop")).isNull();
        database.put(shop("t1"));

        assertThat(accounts.findByAppId("wxshop")).as("remembered as missing").isNull();
        assertThat(accounts.reload("wxshop")).isNotNull();
        assertThat(accounts.findByAppId("wxshop")).isNotNull();
    }

    @Test
    void twoAccountsCannotShareAName() {
        database.put(shop("t1"));
        database.put(WxAccountSettings.builder(WxAccountType.MP, "wxother").name("shop").secret("s").token("t")
                .build());
        accounts.findByAppId("wxshop");

        assertThatThrownBy(() -> accounts.findByAppId("wxother")).isInstanceOf(InvalidWxAccountException.class)
                .hasMessageContaining("'shop' is already the name of app id wxshop");
    }

    @Test
    void settingsThatCannotWorkNameTheFieldToFix() {
        assertThatThrownBy(() -> WxAccountSettings.builder(WxAccountType.CP, "corp").secret("s").token("t").build())
                .isInstanceOfSatisfying(InvalidWxAccountException.class,
                        e -> assertThat(e.field()).isEqualTo("aes-key"));
        assertThatThrownBy(() -> WxAccountSettings.builder(WxAccountType.MP, "wx1").token("t").build())
                .isInstanceOfSatisfying(InvalidWxAccountException.class,
                        e -> assertThat(e.field()).isEqualTo("secret"));
        assertThat(WxAccountSettings.builder(WxAccountType.AIBOT, "bot").token("t").aesKey(AES_KEY).build()
                .messageFormat()).isEqualTo(WxMessageFormat.JSON);
    }

    @Test
    void theConfiguredAccountsArePreloadedAndComplete() {
        WxAccountRepository configured = WxAccountRepository.of(List.of(shop("t1")));
        WxAccounts preloaded = new WxAccounts(configured,
                settings -> InMemoryWxConfigStorage.builder().appId(settings.appId()).secret(settings.secret()).build(),
                (settings, storage) -> new HttpWxService(WxApiConfig.builder().build(), storage),
                settings -> InMemoryWxSessionStore.builder().build(), new WxAccountListener() {
                }, Duration.ofMinutes(1), 10, clock);

        assertThat(preloaded.complete()).isTrue();
        assertThat(preloaded.single().appId()).isEqualTo("wxshop");
        assertThat(preloaded.findByAppId("other")).isNull();
        preloaded.close();
    }
}
