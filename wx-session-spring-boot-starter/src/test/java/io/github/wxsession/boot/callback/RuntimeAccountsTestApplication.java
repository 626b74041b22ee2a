package io.github.wxsession.boot.callback;

import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccountRepository;
import io.github.wxsession.boot.account.WxAccountSettings;
import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.session.WxSession;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
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
    Database database() {
        return new Database();
    }

    /** Accounts by app id, counting the starter's queries. */
    static final class Database implements WxAccountRepository {
        final Map<String, WxAccountSettings> rows = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> queries = new ConcurrentHashMap<>();
        volatile @Nullable RuntimeException failure;

        @Override
        public @Nullable WxAccountSettings findByAppId(String appId) {
            queries.computeIfAbsent(appId, id -> new AtomicInteger()).incrementAndGet();
            RuntimeException fail = failure;
            if (fail != null) {
                throw fail;
            }
            return rows.get(appId);
        }

        int queries(String appId) {
            AtomicInteger count = queries.get(appId);
            return count == null ? 0 : count.get();
        }
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
