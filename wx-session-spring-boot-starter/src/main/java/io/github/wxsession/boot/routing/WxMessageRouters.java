package io.github.wxsession.boot.routing;

import io.github.wxsession.aibot.WxAibotAnswers;
import io.github.wxsession.aibot.WxStreams;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccountListener;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * One {@link WxMessageRouter} per account, whose rules are the application's {@link WxHandler}
 * methods. The handlers are found and checked once every singleton exists, before the web server
 * takes requests, and the routers of the accounts in use then are built at once, so a handler that
 * cannot work fails startup there. An account set up later gets its router with its first
 * message; a removed one's router is shut down, draining its async handlers, which all accounts
 * run on one shared executor.
 */
public final class WxMessageRouters implements SmartInitializingSingleton, DisposableBean, WxAccountListener {

    private final ConfigurableListableBeanFactory beanFactory;
    private final WxAccounts accounts;
    private final Map<WxAccount, WxMessageRouter> byAccount = new ConcurrentHashMap<>();
    private final WxMessageGateFactory gates;
    private final @Nullable WxMessageExceptionHandler exceptionHandler;
    private final ExecutorService asyncExecutor;
    private final Duration shutdownTimeout;
    private final WxMetrics metrics;
    private final BiConsumer<WxAccount, WxMessageRouter> customizer;
    private final WxStreams streams;
    private volatile @Nullable List<WxHandlerMethod> handlers;
    private final WxObservations observations;

    /**
     * @param gates gives each account's router its gate: de-duplication, the sender's turn, the session
     * @param asyncExecutor runs every account's async handlers; shut down with the routers
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
            ExecutorService asyncExecutor, Duration shutdownTimeout, WxMetrics metrics,
            BiConsumer<WxAccount, WxMessageRouter> customizer, WxStreams streams, WxObservations observations) {
        this.beanFactory = beanFactory;
        this.accounts = accounts;
        this.gates = gates;
        this.exceptionHandler = exceptionHandler;
        this.asyncExecutor = asyncExecutor;
        this.shutdownTimeout = shutdownTimeout;
        this.metrics = metrics;
        this.customizer = customizer;
        this.streams = streams;
        this.observations = observations;
        accounts.addListener(this);
    }

    /** What namespaces an account's message keys: its app id, and for WeCom its agent. */
    private static String accountKey(WxAccount account) {
        Integer agentId = account.settings().agentId();
        return agentId == null ? account.appId() : account.appId() + "/" + agentId;
    }

    /**
     * The router of {@code account}, built on its first message. A request that found the account
     * just before it was removed gets a router of its own that is not kept, so nothing of a
     * removed account stays behind.
     */
    public WxMessageRouter forAccount(WxAccount account) {
        WxMessageRouter router = byAccount.get(account);
        if (router != null) {
            return router;
        }
        return accounts.inUse(account) ? byAccount.computeIfAbsent(account, this::build) : build(account);
    }

    private WxMessageRouter build(WxAccount account) {
        List<WxHandlerMethod> scanned = handlers;
        if (scanned == null) {
            throw new IllegalStateException("the @WxHandler methods are found once every singleton exists;"
                    + " no message can be routed before");
        }
        WxMessageRouter router = new WxMessageRouter(account.service());
        router.setSessionManager(account.sessionStore());
        router.setGate(metrics.observe(gates.create(account)));
        router.setAccount(accountKey(account));
        WxAsyncReplySender later = account.type() == WxAccountType.AIBOT
                ? new WxAibotAnswers(account.appId(), streams) : new CustomMessageReplySender(account.service());
        router.setAsyncReplySender(metrics.observe(account.name(), later));
        router.setAsyncExecutor(new ExecutorShare(asyncExecutor));
        if (exceptionHandler != null) {
            router.setExceptionHandler(exceptionHandler);
        }
        customizer.accept(account, router);
        if (account.type() == WxAccountType.AIBOT) {
            // The callback is answered with the stream, which the late reply then finishes.
            router.setLateReply(WxLateReply.CUSTOMER_SERVICE);
        }
        addRules(router, account, scanned);
        return router;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<WxHandlerMethod> scanned = WxHandlerMethodScanner.scan(beanFactory);
        scanned.sort(Comparator.comparingInt(h -> h.definition().order()));
        for (WxHandlerMethod handler : scanned) {
            checkAccounts(handler);
            checkLateReply(handler);
        }
        checkTwins(scanned);
        handlers = List.copyOf(scanned);
        accounts.all().forEach(this::forAccount);
    }

    private void addRules(WxMessageRouter router, WxAccount account, List<WxHandlerMethod> scanned) {
        for (WxHandlerMethod handler : serving(scanned, account.name())) {
            addRule(router, handler, observations.handler(account.name(), handler.describe(),
                    metrics.timed(account.name(), handler.describe(), handler.handlerFor(account))));
        }
    }

    /** The handlers an account of this name runs, in order. */
    private static List<WxHandlerMethod> serving(List<WxHandlerMethod> handlers, @Nullable String accountName) {
        return handlers.stream().filter(handler -> serves(handler.definition(), accountName)).toList();
    }

    /**
     * Fails if two handlers one account would run have the same order and conditions, so one
     * would never run; checked at startup for every account name the handlers mention and for any
     * other, so an account set up later cannot fail on its first message.
     */
    private static void checkTwins(List<WxHandlerMethod> handlers) {
        Set<String> names = new LinkedHashSet<>();
        names.add(null);
        handlers.forEach(handler -> names.addAll(Arrays.asList(handler.definition().account())));
        for (String name : names) {
            // Sorted by order, so handlers of one order are neighbours: their conditions must differ.
            Map<WxRuleConditions, WxHandlerMethod> sameOrder = new HashMap<>();
            int order = 0;
            for (WxHandlerMethod handler : serving(handlers, name)) {
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
            }
        }
    }

    /** Drains the removed account's async handlers, up to {@code wx.router.async-shutdown-timeout}. */
    @Override
    public void removed(WxAccount account) {
        WxMessageRouter router = byAccount.remove(account);
        if (router != null) {
            router.shutdown(shutdownTimeout);
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

    private static boolean serves(WxHandler definition, @Nullable String accountName) {
        return definition.account().length == 0 || Arrays.asList(definition.account()).contains(accountName);
    }

    /** A handler may name only configured accounts, unless the repository sets up others later. */
    private void checkAccounts(WxHandlerMethod handler) {
        if (!accounts.complete()) {
            return;
        }
        List<String> names = accounts.all().stream().map(WxAccount::name).toList();
        for (String name : handler.definition().account()) {
            if (!names.contains(name)) {
                throw new InvalidWxHandlerException("@WxHandler " + handler.describe() + " names account '" + name
                        + "', but the configured accounts are " + names);
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

    /**
     * Drains the async handlers' queues, up to {@code wx.router.async-shutdown-timeout} for each
     * account, then stops the shared executor.
     */
    @Override
    public void destroy() {
        byAccount.values().forEach(router -> router.shutdown(shutdownTimeout));
        asyncExecutor.shutdownNow();
    }
}
