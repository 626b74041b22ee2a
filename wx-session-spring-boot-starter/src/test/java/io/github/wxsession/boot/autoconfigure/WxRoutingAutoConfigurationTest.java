package io.github.wxsession.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.account.WxMessageGateFactory;
import io.github.wxsession.boot.callback.WxCallbackController;
import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.boot.handler.WxSessionAttribute;
import io.github.wxsession.boot.routing.WxMessageRouters;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.router.InMemoryWxMessageGate;
import io.github.wxsession.router.WxMessageExceptionHandler;
import io.github.wxsession.router.WxMessageGate;
import io.github.wxsession.router.WxMessageRouter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class WxRoutingAutoConfigurationTest {

    static final AutoConfigurations STARTER = AutoConfigurations.of(WxAccountsAutoConfiguration.class,
            WxRoutingAutoConfiguration.class, WxCallbackAutoConfiguration.class);

    static final String[] ACCOUNT = {"wx.app-id=wx0001", "wx.secret=s", "wx.token=tok"};

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(STARTER).withPropertyValues(ACCOUNT);

    private final WebApplicationContextRunner webRunner = new WebApplicationContextRunner()
            .withConfiguration(STARTER).withPropertyValues(ACCOUNT);

    static WxXmlMessage text(long msgId, String content) {
        return WxXmlMessage.fromXml("<xml><ToUserName>gh</ToUserName><FromUserName>oUser</FromUserName>"
                + "<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>" + content + "</Content><MsgId>" + msgId
                + "</MsgId></xml>");
    }

    static WxMessageRouter router(ApplicationContext context) {
        return context.getBean(WxMessageRouters.class).forAccount(context.getBean(WxAccounts.class).single());
    }

    @Test
    void handlersBecomeRulesOfTheAccountsRouter() {
        runner.withUserConfiguration(EchoHandlers.class).run(context -> {
            assertThat(router(context).route(text(1, "hi")).toXml()).contains("<Content><![CDATA[echo hi]]></Content>");
            WxAccounts accounts = context.getBean(WxAccounts.class);
            assertThat(context.getBean(WxMessageGateFactory.class).create(accounts.single()))
                    .isInstanceOf(InMemoryWxMessageGate.class);
        });
    }

    @Test
    void theCallbackEndpointExistsOnlyInAServletWebApplication() {
        runner.run(context -> assertThat(context).doesNotHaveBean(WxCallbackController.class));
        webRunner.run(context -> assertThat(context).hasSingleBean(WxCallbackController.class));
    }

    @Test
    void withoutAnAccountThereIsNoRouterAndNoEndpoint() {
        new WebApplicationContextRunner().withConfiguration(STARTER).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(WxMessageRouters.class);
            assertThat(context).doesNotHaveBean(WxCallbackController.class);
        });
    }

    @Test
    void theApplicationsGateFactoryReplacesTheDefault() {
        runner.withUserConfiguration(EchoHandlers.class, CustomGates.class).run(context -> {
            assertThat(context).hasSingleBean(WxMessageGateFactory.class);
            router(context).route(text(3, "hi"));
            assertThat(CustomGates.BEGINS).as("the router begins its deliveries at the application's gate")
                    .hasValue(1);
        });
    }

    @Test
    void theApplicationsExceptionHandlerTurnsFailuresIntoReplies() {
        runner.withUserConfiguration(FailingHandlers.class, Apology.class).run(context ->
                assertThat(router(context).route(text(2, "boom")).toXml()).contains("sorry: kaboom"));
    }

    @Test
    void asyncThreadsStopWithTheContext() throws InterruptedException {
        AsyncHandlers.STARTED.set(new CountDownLatch(1));
        Thread[] worker = new Thread[1];
        runner.withUserConfiguration(AsyncHandlers.class).run(context -> {
            router(context).route(text(3, "bg"));
            assertThat(AsyncHandlers.STARTED.get().await(10, TimeUnit.SECONDS)).isTrue();
            worker[0] = AsyncHandlers.THREAD.get();
            assertThat(worker[0].getName()).startsWith("wx-async-");
        });
        assertThat(worker[0]).isNotNull();
        // The pool reports termination just before its last worker thread has finished dying.
        worker[0].join(TimeUnit.SECONDS.toMillis(10));
        assertThat(worker[0].isAlive()).as("async thread outlived the context").isFalse();
    }

    @Test
    void unsupportedParameterFailsStartupNamingTheMethod() {
        runner.withUserConfiguration(BadParameter.class).run(context -> assertThat(context).getFailure()
                .hasMessageContaining("BadParameter.handle")
                .hasMessageContaining("cannot supply parameter").hasMessageContaining("java.lang.Integer"));
    }

    @Test
    void unsupportedReturnTypeFailsStartupNamingTheMethod() {
        runner.withUserConfiguration(BadReturn.class).run(context -> assertThat(context).getFailure()
                .hasMessageContaining("BadReturn.handle").hasMessageContaining("returns int"));
    }

    @Test
    void primitiveSessionAttributeFailsStartup() {
        runner.withUserConfiguration(PrimitiveAttribute.class).run(context -> assertThat(context).getFailure()
                .hasMessageContaining("PrimitiveAttribute.handle").hasMessageContaining("wrapper type"));
    }

    @Test
    void invalidRegexFailsStartupNamingTheMethod() {
        runner.withUserConfiguration(BadRegex.class).run(context -> assertThat(context).getFailure()
                .hasMessageContaining("BadRegex.handle").hasMessageContaining("contentRegex"));
    }

    @Test
    void twoHandlersWithIdenticalConditionsAndOrderFailStartup() {
        runner.withUserConfiguration(Twins.class).run(context -> assertThat(context).getFailure()
                .hasMessageContaining("Twins.first").hasMessageContaining("Twins.second")
                .hasMessageContaining("same conditions and order"));
    }

    @Test
    void aHandlerForAnUnknownAccountFailsStartup() {
        runner.withUserConfiguration(UnknownAccount.class).run(context -> assertThat(context).getFailure()
                .hasMessageContaining("names account 'shop'"));
    }

    @Configuration(proxyBeanMethods = false)
    static class EchoHandlers {
        @Bean
        Object echo() {
            return new Object() {
                @WxHandler(msgType = "text")
                String handle(WxXmlMessage message) {
                    return "echo " + message.getContent();
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomGates {
        static final AtomicInteger BEGINS = new AtomicInteger();

        @Bean
        WxMessageGateFactory gates() {
            return account -> {
                WxMessageGate gate = new InMemoryWxMessageGate();
                return (key, sender) -> {
                    BEGINS.incrementAndGet();
                    return gate.begin(key, sender);
                };
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FailingHandlers {
        @Bean
        Object failing() {
            return new Object() {
                @WxHandler(content = "boom")
                String handle() {
                    throw new IllegalStateException("kaboom");
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Apology {
        @Bean
        WxMessageExceptionHandler apology() {
            return (message, context, failure) -> WxXmlOutMessage.replyTo(message).text("sorry: " + failure.getMessage());
        }
    }

    static class AsyncHandlers {
        static final AtomicReference<CountDownLatch> STARTED =
                new AtomicReference<>();
        static final AtomicReference<Thread> THREAD =
                new AtomicReference<>();

        @WxHandler(content = "bg", async = true)
        void handle() {
            THREAD.set(Thread.currentThread());
            STARTED.get().countDown();
        }
    }

    static class BadParameter {
        @WxHandler
        String handle(Integer notSupplied) {
            return null;
        }
    }

    static class BadReturn {
        @WxHandler
        int handle() {
            return 1;
        }
    }

    static class PrimitiveAttribute {
        @WxHandler
        String handle(@WxSessionAttribute("tries") int tries) {
            return null;
        }
    }

    static class BadRegex {
        @WxHandler(contentRegex = "[unclosed")
        String handle() {
            return null;
        }
    }

    static class Twins {
        @WxHandler(msgType = "text", content = "same")
        String first() {
            return null;
        }

        @WxHandler(msgType = "TEXT", content = "same")
        String second() {
            return null;
        }
    }

    static class UnknownAccount {
        @WxHandler(account = "shop")
        String handle() {
            return null;
        }
    }
}
