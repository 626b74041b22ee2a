package io.github.wxsession.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.api.FakeWeChatServer;
import io.github.wxsession.api.WxService;
import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.boot.observation.MicrometerWxObservations;
import io.github.wxsession.boot.observation.WxObservations;
import io.github.wxsession.boot.routing.WxMessageRouters;
import io.github.wxsession.message.WxXmlMessage;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Observations exist with an ObservationRegistry only; without one, or without Micrometer, nothing changes. */
class WxObservationAutoConfigurationTest {

    private final FakeWeChatServer api = FakeWeChatServer.start();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WxObservationAutoConfiguration.class,
                    WxAccountsAutoConfiguration.class, WxRoutingAutoConfiguration.class))
            .withBean(Echo.class)
            .withPropertyValues("wx.app-id=wx0001", "wx.secret=s", "wx.token=tok",
                    "wx.api.base-url=" + api.baseUri());

    WxObservationAutoConfigurationTest() throws Exception {
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void withARegistryHandlersAndApiCallsAreObserved() {
        api.on("cgi-bin/token", FakeWeChatServer.token("T1", 7200));
        runner.withBean(ObservationRegistry.class, TestObservationRegistry::create).run(context -> {
            assertThat(context).getBean(WxObservations.class).isInstanceOf(MicrometerWxObservations.class);
            assertThat(routeEcho(context)).contains("echo:hi");
            context.getBean(WxService.class).getAccessToken(false);

            TestObservationRegistry registry = (TestObservationRegistry) context.getBean(ObservationRegistry.class);
            TestObservationRegistryAssert.assertThat(registry)
                    .hasObservationWithNameEqualTo("wx.handler").that()
                    .hasLowCardinalityKeyValue("handler", "Echo.echo(WxXmlMessage)")
                    .doesNotHaveParentObservation();
            TestObservationRegistryAssert.assertThat(registry)
                    .hasObservationWithNameEqualTo("wx.api").that()
                    .hasLowCardinalityKeyValue("path", "cgi-bin/token")
                    .hasLowCardinalityKeyValue("errcode", "0");
        });
    }

    @Test
    void withoutARegistryNothingIsObservedAndRoutingIsUnchanged() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(WxObservations.class)
                    .doesNotHaveBean(WxObservationAutoConfiguration.class);
            assertThat(routeEcho(context)).contains("echo:hi");
        });
    }

    @Test
    void withoutMicrometerOnTheClassPathNothingIsObservedAndRoutingIsUnchanged() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer")).run(context -> {
            assertThat(context).hasNotFailed()
                    .doesNotHaveBean(WxObservations.class)
                    .doesNotHaveBean(WxObservationAutoConfiguration.class);
            assertThat(routeEcho(context)).contains("echo:hi");
        });
    }

    private static String routeEcho(AssertableApplicationContext context) {
        WxAccounts accounts = context.getBean(WxAccounts.class);
        WxXmlMessage message = WxXmlMessage.fromXml("<xml><ToUserName>gh</ToUserName><FromUserName>u</FromUserName>"
                + "<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>hi</Content><MsgId>7</MsgId></xml>");
        return context.getBean(WxMessageRouters.class).forAccount(accounts.single()).routeToXml(message);
    }

    static class Echo {
        @WxHandler(msgType = "text")
        String echo(WxXmlMessage message) {
            return "echo:" + message.getContent();
        }
    }
}
