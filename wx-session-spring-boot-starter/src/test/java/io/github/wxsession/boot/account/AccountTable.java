package io.github.wxsession.boot.account;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** An application's account table, as tests change it: accounts by app id, counting the starter's queries. */
public final class AccountTable implements WxAccountRepository {

    public final Map<String, WxAccountSettings> rows = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> queries = new ConcurrentHashMap<>();
    /** Thrown by every query while set. */
    public volatile @Nullable RuntimeException failure;

    @Override
    public @Nullable WxAccountSettings findByAppId(String appId) {
        queries.computeIfAbsent(appId, id -> new AtomicInteger()).incrementAndGet();
        RuntimeException fail = failure;
        if (fail != null) {
            throw fail;
        }
        return rows.get(appId);
    }

    /** How often the starter asked for {@code appId}. */
    public int queries(String appId) {
        AtomicInteger count = queries.get(appId);
        return count == null ? 0 : count.get();
    }

    public void put(WxAccountSettings settings) {
        rows.put(settings.appId(), settings);
    }
}
