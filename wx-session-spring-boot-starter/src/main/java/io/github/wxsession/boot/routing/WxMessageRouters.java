package io.github.wxsession.boot.routing;

import io.github.wxsession.aibot.WxAibotAnswers;
import io.github.wxsession.aibot.WxStreams;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccountType;
import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.account.WxMessageGateFactory;
import io.github.wxsession.boot.handler.InvalidWxHandlerException;
import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.boot.handler.WxHandlerMethod;
import io.github.wxsession.boot.metrics.WxMetrics;
import io.github.wxsession.boot.observation.WxObservations;
import io.github.wxsession.router.CustomMessageReplySender;
import io.github.wxsession.router.WxAsyncReplySender;
import io.github.wxsession.router.WxLateReply;
import io.github.wxsession.router.WxMessageExceptionHandler;
import io.github.wxsession.router.WxMessageHandler;
import io.github.wxsession.router.WxMessageRouter;
import io.github.wxsession.router.WxMessageRouterRule;
import io.github.wxsession.router.WxRuleConditions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * One {@link WxMessageRouter} per account, whose rules are the application's {@link WxHandler}
 * methods. Rules are added once every singleton exists, before the web server takes requests, and
 * a handler that cannot work fails startup there.
 */
public final class WxMessageRouters implements SmartInitializingSingleton, DisposableBean {

    private final ConfigurableListableBeanFactory beanFactory;
    private final WxAccounts accounts;
    private final Map<String, WxMessageRouter> byAccount = new LinkedHashMap<>();
    private final Duration shutdownTimeout;
    private final WxMetrics metrics;
    private final WxObservations observations;

    /**
     * @param gates gives each account's router its gate: de-duplication, the sender's turn, the session
     * @param asyncExecutors makes the bounded executor of each account's async handlers
     * @param exceptionHandler the application's, or {@code null}
     * @param metrics times handlers and counts duplicates
     * @param customizer applies the router settings of {@code wx.router} and the application's
     *        customizers to each account's router, before its rules are added
     * @param streams where an AI bot's streamed replies live: its async and late replies finish
     *        the message's stream, whatever {@code wx.router.late-reply} says
     * @param observations observes each handler run
     */
    public WxMessageRouters(ConfigurableListableBeanFactory beanFactory, WxAccounts accounts,
            WxMessageGateFactory gates, @Nullable WxMessageExceptionHandler exceptionHandler,
            Function<WxAccount, ExecutorService> asyncExecutors, Duration shutdownTimeout, WxMetrics metrics,
            BiConsumer<WxAccount, WxMessageRouter> customizer, WxStreams streams, WxObservations observations) {
        this.beanFactory = beanFactory;
        this.accounts = accounts;
        this.shutdownTimeout = shutdownTimeout;
        this.metrics = metrics;
        this.observations = observations;
        for (WxAccount account : accounts.all()) {
            WxMessageRouter router = new WxMessageRouter(account.service());
            router.setSessionManager(account.sessionStore());
            router.setGate(metrics.observe(gates.create(account)));
            router.setAccount(accountKey(account));
            WxAsyncReplySender later = account.type() == WxAccountType.AIBOT
                    ? new WxAibotAnswers(account.appId(), streams) : new CustomMessageReplySender(account.service());
            router.setAsyncReplySender(metrics.observe(account.name(), later));
            router.setAsyncExecutor(asyncExecutors.apply(account));
            if (exceptionHandler != null) {
                router.setExceptionHandler(exceptionHandler);
            }
            customizer.accept(account, router);
            if (account.type() == WxAccountType.AIBOT) {
                // The callback is answered with the stream, which the late reply then finishes.
                router.setLateReply(WxLateReply.CUSTOMER_SERVICE);
            }
            byAccount.put(account.name(), router);
        }
    }

    /** What namespaces an account's message keys: its app id, and for WeCom its agent. */
    private static String accountKey(WxAccount account) {
        Integer agentId = account.settings().agentId();
        return agentId == null ? account.appId() : account.appId() + "/" + agentId;
    }

    /** The router of {@code account}. */
    public WxMessageRouter forAccount(WxAccount account) {
        return byAccount.get(account.name());
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<WxHandlerMethod> handlers = WxHandlerMethodScanner.scan(beanFactory);
        handlers.sort(Comparator.comparingInt(h -> h.definition().order()));
        for (WxHandlerMethod handler : handlers) {
            checkAccounts(handler);
            checkLateReply(handler);
        }
        for (WxAccount account : accounts.all()) {
            // Sorted by order, so handlers of one order are neighbours: their conditions must differ.
            Map<WxRuleConditions, WxHandlerMethod> sameOrder = new HashMap<>();
            int order = 0;
            for (WxHandlerMethod handler : handlers) {
                if (!serves(handler.definition(), account)) {
                    continue;
                }
                if (handler.definition().order() != order) {
                    sameOrder.clear();
                    order = handler.definition().order();
                }
                WxHandlerMethod twin = sameOrder.putIfAbsent(handler.conditions(), handler);
                if (twin != null) {
                    throw new InvalidWxHandlerException("@WxHandler " + handler.describe() + " and " + twin.describe()
                            + " have the same conditions and order, so one would never run; give one a different"
                            + " order or condition");
                }
                addRule(byAccount.get(account.name()), handler, observations.handler(account.name(), handler.describe(),
                        metrics.timed(account.name(), handler.describe(), handler.handlerFor(account))));
            }
        }
    }

    private static void addRule(WxMessageRouter router, WxHandlerMethod handler, WxMessageHandler target) {
        WxHandler on = handler.definition();
        WxMessageRouterRule rule = router.rule().order(on.order()).conditions(handler.conditions());
        if (on.async()) {
            rule.async();
        }
        if (on.lateReply().length == 1) {
            rule.lateReply(on.lateReply()[0]);
        }
        rule.handler(target);
        if (on.next()) {
            rule.next();
        } else {
            rule.end();
        }
    }

    private static boolean serves(WxHandler definition, WxAccount account) {
        return definition.account().length == 0 || Arrays.asList(definition.account()).contains(account.name());
    }

    private void checkAccounts(WxHandlerMethod handler) {
        for (String name : handler.definition().account()) {
            if (!byAccount.containsKey(name)) {
                throw new InvalidWxHandlerException("@WxHandler " + handler.describe() + " names account '" + name
                        + "', but the configured accounts are " + byAccount.keySet());
            }
        }
    }

    private static void checkLateReply(WxHandlerMethod handler) {
        WxHandler on = handler.definition();
        if (on.lateReply().length > 1) {
            throw new InvalidWxHandlerException("@WxHandler " + handler.describe() + ": lateReply takes one mode at"
                    + " most, was " + Arrays.toString(on.lateReply()));
        }
        if (on.lateReply().length == 1 && on.async()) {
            throw new InvalidWxHandlerException("@WxHandler " + handler.describe() + ": lateReply has no effect on an"
                    + " async handler, which never holds up WeChat's callback; remove one of them");
        }
    }

    /** Drains the async handlers' queues, up to {@code wx.router.async-shutdown-timeout}. */
    @Override
    public void destroy() {
        byAccount.values().forEach(router -> router.shutdown(shutdownTimeout));
    }
}
