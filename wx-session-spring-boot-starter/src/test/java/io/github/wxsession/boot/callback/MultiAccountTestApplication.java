package io.github.wxsession.boot.callback;

import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.boot.handler.WxSessionAttribute;
import io.github.wxsession.message.WxXmlElement;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.session.WxSession;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

        /** WeCom's system events, as each run saw them: what told it apart, and whether it had a session. */
        static final List<String> SYSTEM_EVENTS = new CopyOnWriteArrayList<>();

        @WxHandler(msgType = "event", fromUser = "sys", account = "corp")
        void systemEvent(WxXmlMessage message, WxSession session, @WxSessionAttribute("any") String attribute) {
            WxXmlElement job = message.getElement("BatchJob");
            String what = message.getEvent() + "/" + message.get("ChangeType") + "/" + message.get("UserID") + "/"
                    + message.get("ExternalUserID") + "/" + (job == null ? null : job.getChild("JobId").getText());
            SYSTEM_EVENTS.add(what + (session == null && attribute == null ? "" : " with a session"));
        }
    }
}
