package io.github.wxsession.benchmarks.async;

import io.github.wxsession.boot.handler.WxHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/**
 * The application measured by {@link AsyncCapacity}: the starter as an application has it, on its
 * default {@code wx.router.*} settings, with one async handler that waits on I/O (a call to a slow
 * service) and replies through the customer-service API, as the sample's {@code later} does.
 */
@SpringBootApplication
public class AsyncReplyApplication {

    /** {@code later}: asks {@code bench.lookup-uri}, which answers after a second, then replies. */
    @Component
    static class SlowLookupHandler {

        /** The first handler's thread, printed so a run shows whether it was virtual. */
        static final AtomicReference<String> FIRST_THREAD = new AtomicReference<>("none");

        private final HttpClient http = HttpClient.newHttpClient();
        private final URI lookup;

        SlowLookupHandler(@Value("${bench.lookup-uri}") URI lookup) {
            this.lookup = lookup;
        }

        @WxHandler(msgType = "text", content = "later", async = true)
        public String later() throws IOException, InterruptedException {
            FIRST_THREAD.compareAndSet("none", Thread.currentThread().toString());
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(lookup).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IOException("lookup answered " + answer.statusCode());
            }
            return "Later reply.";
        }
    }
}
