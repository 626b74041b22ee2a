package io.github.wxsession.session;

import io.github.wxsession.test.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the session contract suites share: a fresh store per test on a clock the test moves, and a
 * listener that writes every event down. A store's contract test says how to build the store.
 */
public abstract class WxSessionStoreContractSupport {

    protected static final Duration TIMEOUT = Duration.ofMinutes(30);

    protected final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    protected final RecordingSessionListener events = new RecordingSessionListener();
    private final List<WxSessionStore> stores = new ArrayList<>();
    protected WxSessionStore store;

    /**
     * A new, empty store reading time from {@code clock}.
     *
     * @param maxActiveSessions the limit on live sessions, or 0 for none
     */
    protected abstract WxSessionStore createStore(Clock clock, Duration defaultTimeout, int maxActiveSessions);

    @BeforeEach
    void createDefaultStore() {
        store = newStore(0);
    }

    @AfterEach
    void closeStores() {
        stores.forEach(WxSessionStore::close);
    }

    protected WxSessionStore newStore(int maxActiveSessions) {
        WxSessionStore created = createStore(clock, TIMEOUT, maxActiveSessions);
        created.addListener(events);
        stores.add(created);
        return created;
    }
}
