package io.github.wxsession.boot.callback;

import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.handler.WxHandler;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

/** Two accounts, an Official Account and a WeCom app, with handlers that know which one they serve. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(MultiAccountTestApplication.Handlers.class)
class MultiAccountTestApplication {

    @Component
    static class Handlers {

        @WxHandler(msgType = "text", content = "who", account = "corp")
        String corpOnly(WxAccount account) {
            return "corp handler for " + account.name();
        }

        @WxHandler(msgType = "text", content = "who", order = 1)
        String anyAccount(WxAccount account) {
            return "any handler for " + account.name();
        }

        @WxHandler(msgType = "text", content = "later", async = true)
        String later(WxAccount account) {
            return "later from " + account.name();
        }
    }
}
