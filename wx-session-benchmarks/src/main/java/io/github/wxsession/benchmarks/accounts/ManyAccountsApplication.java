package io.github.wxsession.benchmarks.accounts;

import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccountRepository;
import io.github.wxsession.boot.account.WxAccountSettings;
import io.github.wxsession.boot.account.WxAccountType;
import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.session.WxSession;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The application measured by {@link AccountsFootprint}: no account in its properties, every
 * account {@code wxbench<n>} from a repository, as an application reading them from a database
 * would have it; each in safe mode (so its message crypto exists) and memory mode.
 */
@SpringBootApplication
public class ManyAccountsApplication {

    static final String TOKEN = "bench-token";
    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String PREFIX = "wxbench";

    @Bean
    WxAccountRepository benchAccounts() {
        return new WxAccountRepository() {
            @Override
            public @Nullable WxAccountSettings findByAppId(String appId) {
                if (!appId.startsWith(PREFIX)) {
                    return null;
                }
                return WxAccountSettings.builder(WxAccountType.MP, appId).secret("secret-" + appId).token(TOKEN)
                        .aesKey(AES_KEY).build();
            }
        };
    }

    /** Keeps a counter in the user's session, so every account has a session with an attribute. */
    @Component
    static class CountingHandler {

        @WxHandler(msgType = "text")
        public String count(WxAccount account, WxSession session) {
            Integer seen = (Integer) session.getAttribute("n");
            int n = seen == null ? 1 : seen + 1;
            session.setAttribute("n", n);
            return n + " from " + account.appId();
        }
    }
}
