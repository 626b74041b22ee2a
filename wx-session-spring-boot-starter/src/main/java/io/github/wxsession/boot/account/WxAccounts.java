package io.github.wxsession.boot.account;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * Every configured account, by name and by app id. Starts the session stores' background expiry
 * with the application context and closes them with it.
 */
public final class WxAccounts implements SmartLifecycle {

    private final Map<String, WxAccount> byName = new LinkedHashMap<>();
    private final Map<String, WxAccount> byAppId = new LinkedHashMap<>();
    private volatile boolean running;

    public WxAccounts(List<WxAccount> accounts) {
        for (WxAccount account : accounts) {
            byName.put(account.name(), account);
            byAppId.put(account.appId(), account);
        }
    }

    public Collection<WxAccount> all() {
        return byName.values();
    }

    /** The account named {@code name}. */
    public WxAccount get(String name) {
        WxAccount account = byName.get(name);
        if (account == null) {
            throw new NoSuchElementException("No WeChat account named '" + name + "'; configured: " + byName.keySet());
        }
        return account;
    }

    /** The account with this app id (corp id for WeCom), or {@code null}. */
    public @Nullable WxAccount findByAppId(String appId) {
        return byAppId.get(appId);
    }

    /** The only account; for single-account applications. */
    public WxAccount single() {
        if (byName.size() != 1) {
            throw new IllegalStateException("Expected exactly one WeChat account but " + byName.size()
                    + " are configured " + byName.keySet() + "; ask for one by name");
        }
        return byName.values().iterator().next();
    }

    @Override
    public void start() {
        all().forEach(account -> account.sessionStore().start());
        running = true;
    }

    @Override
    public void stop() {
        all().forEach(account -> account.sessionStore().stop());
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Releases the stores; called by Spring when the context closes. */
    public void close() {
        all().forEach(account -> account.sessionStore().close());
    }
}
