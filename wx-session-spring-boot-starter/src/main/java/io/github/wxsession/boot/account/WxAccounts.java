package io.github.wxsession.boot.account;

import io.github.wxsession.api.WxService;
import io.github.wxsession.session.WxSessionStore;
import io.github.wxsession.token.WxConfigStorage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * The accounts in use, by name and by app id, resolved from a {@link WxAccountRepository}: those
 * it preloads at startup, the others when their first callback arrives. Each is asked for again
 * {@code refreshAfter} after it was last read, on the one callback thread that notices (the others
 * go on with what they have), or at once through {@link #reload}: a removed account is released,
 * a changed one rotated in place, so its sessions and the messages in flight stay.
 *
 * <p>Per-account state is made on first use and released on removal; app ids the repository does
 * not have are remembered for the same interval, a bounded number of them. Starts the session
 * stores' background expiry with the application context and closes them with it.
 */
public final class WxAccounts implements SmartLifecycle {

    private static final Log LOG = LogFactory.getLog(WxAccounts.class);
    private static final int LOCK_STRIPES = 64;

    /** An account and when its repository was last asked about it. */
    private static final class Entry {
        final WxAccount account;
        volatile long checkedAt;
        final AtomicBoolean checking = new AtomicBoolean();

        Entry(WxAccount account, long checkedAt) {
            this.account = account;
            this.checkedAt = checkedAt;
        }
    }

    private final WxAccountRepository repository;
    private final WxConfigStorageFactory storages;
    private final WxServiceFactory services;
    private final WxSessionStoreFactory sessionStores;
    private final Clock clock;
    private final long refreshAfterMillis;
    private final UnknownAppIds unknown;
    private final Map<String, Entry> byAppId = new ConcurrentHashMap<>();
    private final Map<String, WxAccount> byName = new ConcurrentHashMap<>();
    /** In the order they were set up; replaced on every change, so readers never copy. */
    private volatile List<WxAccount> ordered = List.of();
    private final Object[] locks = new Object[LOCK_STRIPES];
    private final List<WxAccountListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean running;

    /**
     * @param setup hears each account before it takes its first message, e.g. to watch its sessions
     * @param refreshAfter how long an account (or the absence of one) is taken as the repository said
     * @param maxUnknown how many absent app ids are remembered
     * @throws InvalidWxAccountException if a preloaded account's settings cannot work
     */
    public WxAccounts(WxAccountRepository repository, WxConfigStorageFactory storages, WxServiceFactory services,
            WxSessionStoreFactory sessionStores, WxAccountListener setup, Duration refreshAfter, int maxUnknown,
            Clock clock) {
        this.repository = repository;
        this.storages = storages;
        this.services = services;
        this.sessionStores = sessionStores;
        this.clock = clock;
        this.refreshAfterMillis = refreshAfter.toMillis();
        this.unknown = new UnknownAppIds(maxUnknown, refreshAfterMillis);
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        listeners.add(setup);
        for (WxAccountSettings settings : repository.preload()) {
            synchronized (lock(settings.appId())) {
                add(settings.validate());
            }
        }
    }

    /** Hears accounts set up and released from now on. */
    public void addListener(WxAccountListener listener) {
        listeners.add(listener);
    }

    /** The accounts in use, in the order they were set up. */
    public Collection<WxAccount> all() {
        return ordered;
    }

    /** Whether {@code account} is in use: not removed, nor replaced by one of another type or name. */
    public boolean inUse(WxAccount account) {
        Entry entry = byAppId.get(account.appId());
        return entry != null && entry.account == account;
    }

    /** Whether the repository's preloaded accounts are every account there will be ({@code application.yml}). */
    public boolean complete() {
        return repository.complete();
    }

    /** The account in use named {@code name}. */
    public WxAccount get(String name) {
        WxAccount account = byName.get(name);
        if (account == null) {
            throw new NoSuchElementException("No WeChat account named '" + name + "'; in use: " + byName.keySet());
        }
        return account;
    }

    /**
     * The account with this app id (corp id for WeCom), asking the repository if it is not in use
     * yet or was last read more than {@code refreshAfter} ago; {@code null} if there is none.
     *
     * @throws RuntimeException what the repository threw, when it was asked about an account not in use
     * @throws InvalidWxAccountException if the repository's settings cannot work
     */
    public @Nullable WxAccount findByAppId(String appId) {
        Entry entry = byAppId.get(appId);
        if (entry != null) {
            if (clock.millis() - entry.checkedAt >= refreshAfterMillis && entry.checking.compareAndSet(false, true)) {
                return recheck(appId, entry);
            }
            return entry.account;
        }
        if (unknown.contains(appId, clock.millis())) {
            return null;
        }
        synchronized (lock(appId)) {
            entry = byAppId.get(appId);
            if (entry != null) {
                return entry.account;
            }
            if (unknown.contains(appId, clock.millis())) {
                return null;
            }
            WxAccountSettings settings = lookUp(appId);
            if (settings == null) {
                unknown.add(appId, clock.millis());
                return null;
            }
            return add(settings).account;
        }
    }

    /** A stale account is read again; while the repository fails, the account goes on as it was. */
    private @Nullable WxAccount recheck(String appId, Entry entry) {
        try {
            return reload(appId);
        } catch (RuntimeException e) {
            entry.checkedAt = clock.millis();
            LOG.warn("Could not read WeChat account " + appId + " again from " + repository
                    + "; it goes on with its settings as they were: " + e);
            return entry.account;
        } finally {
            entry.checking.set(false);
        }
    }

    /**
     * Reads the account with this app id from the repository now, after the application changed
     * it there: a removed account is released (its callbacks get 404 from now on), a rotated one
     * verifies and calls with its new credentials from now on, a new one is set up. In a cluster,
     * the other instances see the change within {@code refreshAfter}.
     *
     * @return the account as it is now, or {@code null} if the repository no longer has it
     * @throws InvalidWxAccountException if the repository's settings cannot work; the account is unchanged
     */
    public @Nullable WxAccount reload(String appId) {
        synchronized (lock(appId)) {
            unknown.remove(appId);
            WxAccountSettings settings = lookUp(appId);
            Entry entry = byAppId.get(appId);
            if (settings == null) {
                if (entry != null) {
                    remove(entry.account);
                }
                return null;
            }
            if (entry == null) {
                return add(settings).account;
            }
            entry.checkedAt = clock.millis();
            WxAccount account = entry.account;
            if (settings.equals(account.settings())) {
                return account;
            }
            if (account.canRotateTo(settings)) {
                WxConfigStorage storage = storages.create(settings);
                account.rotate(settings, storage, services.create(settings, storage));
                LOG.info("WeChat account " + account.name() + " (" + appId + ") now has its new settings");
                return account;
            }
            remove(account);
            return add(settings).account;
        }
    }

    private @Nullable WxAccountSettings lookUp(String appId) {
        WxAccountSettings settings = repository.findByAppId(appId);
        if (settings == null) {
            return null;
        }
        if (!settings.appId().equals(appId)) {
            throw new IllegalStateException(repository + " answered app id " + appId + " with the account of "
                    + settings.appId());
        }
        return settings.validate();
    }

    private Entry add(WxAccountSettings settings) {
        WxAccount sameName = byName.get(settings.name());
        if (sameName != null) {
            throw new InvalidWxAccountException("name", "Account names must differ: '" + settings.name()
                    + "' is already the name of app id " + sameName.appId() + ", so it cannot name " + settings.appId());
        }
        WxConfigStorage storage = storages.create(settings);
        WxService service = services.create(settings, storage);
        WxSessionStore sessions = sessionStores.create(settings);
        WxAccount account = new WxAccount(settings, storage, service, sessions);
        listeners.forEach(listener -> listener.added(account));
        if (running) {
            sessions.start();
        }
        Entry entry = new Entry(account, clock.millis());
        byName.put(account.name(), account);
        byAppId.put(account.appId(), entry);
        appendToOrdered(account);
        return entry;
    }

    private void remove(WxAccount account) {
        byAppId.remove(account.appId());
        byName.remove(account.name());
        removeFromOrdered(account);
        LOG.info("WeChat account " + account.name() + " (" + account.appId() + ") was removed; releasing it");
        listeners.forEach(listener -> listener.removed(account));
        account.sessionStore().stop();
        account.sessionStore().close();
    }

    private synchronized void appendToOrdered(WxAccount account) {
        List<WxAccount> next = new ArrayList<>(ordered.size() + 1);
        next.addAll(ordered);
        next.add(account);
        ordered = List.copyOf(next);
    }

    private synchronized void removeFromOrdered(WxAccount account) {
        List<WxAccount> next = new ArrayList<>(ordered.size());
        for (WxAccount each : ordered) {
            if (each != account) {
                next.add(each);
            }
        }
        ordered = List.copyOf(next);
    }

    private Object lock(String appId) {
        return locks[Math.floorMod(appId.hashCode(), LOCK_STRIPES)];
    }

    /** The only account; for single-account applications. */
    public WxAccount single() {
        List<WxAccount> accounts = ordered;
        if (accounts.size() != 1) {
            throw new IllegalStateException("Expected exactly one WeChat account but " + accounts.size()
                    + " are in use " + byName.keySet() + "; ask for one by name");
        }
        return accounts.get(0);
    }

    @Override
    public void start() {
        running = true;
        all().forEach(account -> account.sessionStore().start());
    }

    @Override
    public void stop() {
        running = false;
        all().forEach(account -> account.sessionStore().stop());
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
