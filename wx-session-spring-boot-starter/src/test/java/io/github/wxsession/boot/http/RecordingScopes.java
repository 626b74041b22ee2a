package io.github.wxsession.boot.http;

import io.github.wxsession.session.WxSessionStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Request scopes that only record how each one begins and ends, as "open id", "close id", "discard id". */
final class RecordingScopes implements WxHttpSessionScopes {

    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public WxHttpSessionScope open(WxSessionStore store, String sessionId) {
        events.add("open " + sessionId);
        return new WxHttpSessionScope() {
            @Override
            public void close() {
                events.add("close " + sessionId);
            }

            @Override
            public void discard() {
                events.add("discard " + sessionId);
            }
        };
    }

    List<String> of(String sessionId) {
        return events.stream().filter(event -> event.endsWith(" " + sessionId)).map(event -> event.split(" ")[0])
                .toList();
    }
}
