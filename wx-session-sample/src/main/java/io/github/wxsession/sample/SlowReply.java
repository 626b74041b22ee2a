package io.github.wxsession.sample;

import io.github.wxsession.boot.handler.WxHandler;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Work too slow for WeChat's 5 s limit: answered at once with no reply, the reply sent later
 * through the customer-service message API.
 */
@Component
public class SlowReply {

    private static final Duration WORK = Duration.ofSeconds(1);

    @WxHandler(msgType = "text", content = "later", async = true)
    public String later() throws InterruptedException {
        Thread.sleep(WORK.toMillis()); // stands for a slow lookup or computation
        return "Later reply.";
    }
}
