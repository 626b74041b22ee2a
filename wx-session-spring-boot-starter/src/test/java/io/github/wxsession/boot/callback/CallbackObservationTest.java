package io.github.wxsession.boot.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.api.FakeWeChatServer;
import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.boot.observation.WxApiCallContext;
import io.github.wxsession.boot.observation.WxCallbackContext;
import io.github.wxsession.boot.observation.WxHandlerContext;
import io.github.wxsession.test.WeChatCallbackClient;
import io.github.wxsession.token.WxConfigStorage;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * wx.callback, wx.handler and wx.api over the real callback: their names and low-cardinality key
 * values, and that they nest as one trace would, also across the hand-off to an async handler and
 * for a reply sent after the reply deadline.
 */
@SpringBootTest(classes = {CallbackTestApplication.class, CallbackObservationTest.Observed.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wx.app-id=wxObserved", "wx.secret=secret", "wx.token=observed-token",
                "wx.router.reply-timeout=300ms"})
class CallbackObservationTest {

    static final String CUSTOM_SEND = "cgi-bin/message/custom/send";
    static final FakeWeChatServer WECHAT_API = startApi();

    @Value("${local.server.port}")
    int port;

    @Autowired
    TestObservationRegistry registry;

    @Autowired
    Stops stops;

    @Autowired
    WxConfigStorage storage;

    WeChatCallbackClient weChat;

    static FakeWeChatServer startApi() {
        try {
            return FakeWeChatServer.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void api(DynamicPropertyRegistry properties) {
        properties.add("wx.api.base-url", () -> WECHAT_API.baseUri().toString());
    }

    @AfterAll
    static void stopApi() {
        WECHAT_API.close();
    }

    @BeforeEach
    void fresh() {
        weChat = new WeChatCallbackClient(port, "/wx/callback", "observed-token");
        WECHAT_API.on("cgi-bin/token", FakeWeChatServer.token("OBSERVED-TOKEN", 7200));
        WECHAT_API.on(CUSTOM_SEND, FakeWeChatServer.ok());
        // Every test starts without a token, so its first API call fetches one inside itself.
        storage.expireAccessToken();
        registry.clear();
        stops.stopped.clear();
    }

    @Test
    void aRepliedMessageIsACallbackWithItsHandlerAsChild() throws Exception {
        weChat.postPlain(WeChatCallbackClient.text("oTraced", "count"));
        // The answer is on its way before the callback's observation stops.
        stops.await("wx.callback", null);

        TestObservationRegistryAssert.assertThat(registry)
                .hasObservationWithNameEqualTo("wx.callback").that()
                .hasLowCardinalityKeyValue("account", "default")
                .hasLowCardinalityKeyValue("message.type", "text")
                .hasLowCardinalityKeyValue("outcome", "reply")
                .hasBeenStopped();
        TestObservationRegistryAssert.assertThat(registry)
                .hasObservationWithNameEqualTo("wx.handler").that()
                .hasLowCardinalityKeyValue("account", "default")
                .hasLowCardinalityKeyValue("handler", "Handlers.count(WxSession, Integer)")
                .hasLowCardinalityKeyValue("outcome", "success")
                .hasParentObservationContextMatching(parent -> parent instanceof WxCallbackContext)
                .hasBeenStopped();
    }

    @Test
    void aForgedRequestIsACallbackRefusedForItsSignatureThatRanNoHandler() throws Exception {
        weChat.post("signature=forged&timestamp=1&nonce=2", "<xml/>".getBytes());
        // The answer is on its way before the callback's observation stops.
        stops.await("wx.callback", null);

        TestObservationRegistryAssert.assertThat(registry)
                .hasNumberOfObservationsEqualTo(1)
                .hasObservationWithNameEqualTo("wx.callback").that()
                .hasLowCardinalityKeyValue("account", "unknown")
                .hasLowCardinalityKeyValue("message.type", "unknown")
                .hasLowCardinalityKeyValue("outcome", "signature")
                .doesNotHaveError();
    }

    @Test
    void theUrlCheckIsACallbackToVerify() throws Exception {
        assertThat(weChat.get(weChat.signatureQuery(WeChatCallbackClient.now(), "n1") + "&echostr=hello").body())
                .isEqualTo("hello");
        stops.await("wx.callback", null);

        TestObservationRegistryAssert.assertThat(registry)
                .hasNumberOfObservationsEqualTo(1)
                .hasObservationWithNameEqualTo("wx.callback").that()
                .hasLowCardinalityKeyValue("message.type", "verify")
                .hasLowCardinalityKeyValue("outcome", "reply");
    }

    @Test
    void aFailingHandlerIsAnErrorOfTheHandlerAndOfItsCallback() throws Exception {
        weChat.postPlain(WeChatCallbackClient.text("oTraced", "explode"));
        // The answer is on its way before the callback's observation stops.
        stops.await("wx.callback", null);

        TestObservationRegistryAssert.assertThat(registry)
                .hasObservationWithNameEqualTo("wx.handler").that()
                .hasLowCardinalityKeyValue("handler", "Handlers.explode()")
                .hasLowCardinalityKeyValue("outcome", "error")
                .hasError();
        TestObservationRegistryAssert.assertThat(registry)
                .hasObservationWithNameEqualTo("wx.callback").that()
                .hasLowCardinalityKeyValue("outcome", "handler-failed")
                .hasError();
    }

    @Test
    void anAsyncHandlerAndItsCustomerServiceReplyAreChildrenOfTheCallback() throws Exception {
        weChat.postPlain(WeChatCallbackClient.text("oTraced", "later"));

        Observation.Context send = stops.await("wx.api", CUSTOM_SEND);
        Observation.Context callback = stops.await("wx.callback", null);
        Observation.Context handler = stops.await("wx.handler", null);
        assertThat(callback.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("success");
        assertThat(handler.getLowCardinalityKeyValue("handler").getValue()).isEqualTo("Handlers.later()");
        assertThat(parentOf(handler)).as("the async handler's parent").isSameAs(callback);
        assertThat(parentOf(send)).as("the async reply's parent").isSameAs(callback);
        assertThat(send.getLowCardinalityKeyValue("errcode").getValue()).isEqualTo("0");
        assertThat(parentOf(stops.await("wx.api", "cgi-bin/token"))).as("the token fetch's parent").isSameAs(send);
    }

    @Test
    void aLateReplyIsSentUnderItsCallbackAndTheTokenFetchUnderTheSend() throws Exception {
        weChat.postPlain(WeChatCallbackClient.text("oTraced", "think 700"));

        Observation.Context callback = stops.await("wx.callback", null);
        Observation.Context send = stops.await("wx.api", CUSTOM_SEND);
        Observation.Context token = stops.await("wx.api", "cgi-bin/token");
        assertThat(callback.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("late");
        assertThat(parentOf(stops.await("wx.handler", null))).isSameAs(callback);
        assertThat(parentOf(send)).as("the late reply's parent").isSameAs(callback);
        assertThat(parentOf(token)).as("the token fetch's parent").isSameAs(send);
        assertThat(token.getLowCardinalityKeyValue("path").getValue()).isEqualTo("cgi-bin/token");
        assertThat(token.getLowCardinalityKeyValue("account").getValue()).isEqualTo("default");
        TestObservationRegistryAssert.assertThat(registry).doesNotHaveAnyRemainingCurrentObservation();
    }

    @Test
    void aFailedApiCallCarriesWeChatsErrcode() throws Exception {
        WECHAT_API.on(CUSTOM_SEND, FakeWeChatServer.error(45015, "response out of time limit"));

        weChat.postPlain(WeChatCallbackClient.text("oTraced", "later"));

        Observation.Context send = stops.await("wx.api", CUSTOM_SEND);
        assertThat(send.getLowCardinalityKeyValue("errcode").getValue()).isEqualTo("45015");
        assertThat(send.getError()).isNotNull();
    }

    private static Observation.ContextView parentOf(Observation.ContextView context) {
        ObservationView parent = context.getParentObservation();
        assertThat(parent).as("the parent of " + context.getName()).isNotNull();
        return parent.getContextView();
    }

    /** Hears each observation stop, so a test can wait for work that ends after the callback was answered. */
    static final class Stops implements ObservationHandler<Observation.Context> {

        final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
        private final Object lock = new Object();

        @Override
        public void onStop(Observation.Context context) {
            synchronized (lock) {
                stopped.add(context);
                lock.notifyAll();
            }
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }

        /** The stopped observation named {@code name} (with {@code path}, for wx.api), waiting up to 10 s. */
        Observation.Context await(String name, String path) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            synchronized (lock) {
                while (true) {
                    for (Observation.Context context : stopped) {
                        if (name.equals(context.getName()) && (path == null
                                || context instanceof WxApiCallContext api && api.getPath().equals(path))) {
                            return context;
                        }
                    }
                    long left = end - System.nanoTime();
                    assertThat(left).as("waited for " + name + " " + path + "; stopped: " + stopped).isPositive();
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import(Observed.Handlers.class)
    static class Observed {

        @Bean
        Stops stops() {
            return new Stops();
        }

        @Bean
        TestObservationRegistry observationRegistry(Stops stops) {
            TestObservationRegistry registry = TestObservationRegistry.create();
            // Only the starter's: Spring MVC's http.server.requests (Actuator is on the test classpath)
            // would be the callback's parent, stopped only after the response, and is not ours to pin.
            registry.observationConfig().observationPredicate((name, context) -> name.startsWith("wx."));
            registry.observationConfig().observationHandler(stops);
            return registry;
        }

        @Component
        static class Handlers {

            @WxHandler(msgType = "text", content = "later", async = true)
            String later() {
                return "done later";
            }

            @WxHandler(msgType = "text", content = "explode")
            String explode() {
                throw new IllegalStateException("the handler broke");
            }
        }
    }
}
