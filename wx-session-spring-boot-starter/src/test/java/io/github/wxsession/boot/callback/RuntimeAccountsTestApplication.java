package io.github.wxsession.boot.callback;

import io.github.wxsession.boot.account.AccountTable;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.session.WxSession;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * No account in its properties: every account comes from the application's "database", a map
 * the test changes, as an admin page would change a table.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class RuntimeAccountsTestApplication {

    @Bean
    AccountTable database() {
        return new AccountTable();
    }

    @Component
    static class Handlers {

        /** Counts the user's messages in the session: state that must survive a rotation. */
        @WxHandler(msgType = "text", content = "count")
        String count(WxAccount account, WxSession session) {
            Integer seen = (Integer) session.getAttribute("n");
            int n = seen == null ? 1 : seen + 1;
            session.setAttribute("n", n);
            return n + " from " + account.name();
        }

        @WxHandler(msgType = "text", content = "later", async = true)
        String later(WxAccount account) {
            return "later from " + account.name();
        }
    }
}
