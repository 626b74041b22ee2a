package io.github.wxsession.boot.emulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the bot sent users through the API (customer-service and WeCom app messages), for the
 * page to pick up: each message gets the next number of one sequence, so the page asks for
 * everything after the last number it saw. Bounded: the newest messages per user, and the most
 * recently written users.
 */
final class Inboxes {

    static final int MESSAGES_PER_USER = 100;
    static final int USERS = 1000;

    /** One delivered message. */
    record Delivered(long seq, String appId, String openid, BotMessage message, long timeMillis) {
    }

    private long lastSeq;
    // Access-ordered: the user written to longest ago goes first when there are too many.
    private final Map<String, Deque<Delivered>> byUser = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Delivered>> eldest) {
            return size() > USERS;
        }
    };

    synchronized Delivered add(String appId, String openid, BotMessage message, long timeMillis) {
        Delivered delivered = new Delivered(++lastSeq, appId, openid, message, timeMillis);
        Deque<Delivered> inbox = byUser.computeIfAbsent(appId + '\n' + openid, key -> new ArrayDeque<>());
        inbox.addLast(delivered);
        if (inbox.size() > MESSAGES_PER_USER) {
            inbox.removeFirst();
        }
        return delivered;
    }

    /**
     * Messages numbered above {@code after}, oldest first.
     *
     * @param appId only this account's, or every account's when {@code null}
     * @param openid only this user's, or every user's when {@code null}
     */
    synchronized List<Delivered> after(long after, String appId, String openid) {
        List<Delivered> found = new ArrayList<>();
        // Iterating the values does not count as access, so the eviction order is unchanged.
        for (Deque<Delivered> inbox : byUser.values()) {
            for (Iterator<Delivered> it = inbox.descendingIterator(); it.hasNext(); ) {
                Delivered delivered = it.next();
                if (delivered.seq() <= after) {
                    break;
                }
                if ((appId == null || appId.equals(delivered.appId()))
                        && (openid == null || openid.equals(delivered.openid()))) {
                    found.add(delivered);
                }
            }
        }
        found.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        return found;
    }

    synchronized long lastSeq() {
        return lastSeq;
    }
}
