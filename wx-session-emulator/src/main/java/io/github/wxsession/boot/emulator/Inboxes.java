package io.github.wxsession.boot.emulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Each emulated user's chat feed, for the page to pick up as it happens: what the bot sent
 * through the API (customer-service and WeCom app messages, kind {@value #MESSAGE}), and how
 * WeChat's deliveries of the user's messages went (kinds {@value #RETRY} and {@value #OUTCOME}),
 * since those run in the background and may take WeChat's whole retry schedule. Each entry gets
 * the next number of one sequence, so the page asks for everything after the last number it saw.
 * Bounded: the newest entries per user, and the most recently written users.
 */
final class Inboxes {

    static final int MESSAGES_PER_USER = 100;
    static final int USERS = 1000;

    /** A message the bot sent through the fake API. */
    static final String MESSAGE = "message";
    /** A delivery attempt that failed, after which WeChat delivers the message again. */
    static final String RETRY = "retry";
    /** The last delivery attempt of a message: the reply, nothing to show, or the error the user sees. */
    static final String OUTCOME = "outcome";
    /** A WeCom AI bot's refresh of an unfinished stream, and what the bot answered: the stream so far. */
    static final String STREAM = "stream";

    /**
     * One entry of a user's feed.
     *
     * @param kind {@link #MESSAGE}, {@link #RETRY} or {@link #OUTCOME}
     * @param fields what the page needs for that kind
     */
    record Item(long seq, String appId, String openid, String kind, Map<String, Object> fields,
            long timeMillis) {

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("seq", seq);
            json.put("account", appId);
            json.put("openid", openid);
            json.put("time", timeMillis);
            json.put("kind", kind);
            json.putAll(fields);
            return json;
        }
    }

    private long lastSeq;
    // Access-ordered: the user written to longest ago goes first when there are too many.
    private final Map<String, Deque<Item>> byUser = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Item>> eldest) {
            return size() > USERS;
        }
    };

    /** A message the bot sent {@code openid} through the fake API. */
    Item add(String appId, String openid, BotMessage message, long timeMillis) {
        return add(appId, openid, MESSAGE, message.toJson(), timeMillis);
    }

    synchronized Item add(String appId, String openid, String kind, Map<String, Object> fields,
            long timeMillis) {
        Item item = new Item(++lastSeq, appId, openid, kind,
                Collections.unmodifiableMap(new LinkedHashMap<>(fields)), timeMillis);
        Deque<Item> inbox = byUser.computeIfAbsent(appId + '\n' + openid, key -> new ArrayDeque<>());
        inbox.addLast(item);
        if (inbox.size() > MESSAGES_PER_USER) {
            inbox.removeFirst();
        }
        return item;
    }

    /**
     * Entries numbered above {@code after}, oldest first.
     *
     * @param appId only this account's, or every account's when {@code null}
     * @param openid only this user's, or every user's when {@code null}
     */
    synchronized List<Item> after(long after, @Nullable String appId, @Nullable String openid) {
        List<Item> found = new ArrayList<>();
        // Iterating the values does not count as access, so the eviction order is unchanged.
        for (Deque<Item> inbox : byUser.values()) {
            for (Iterator<Item> it = inbox.descendingIterator(); it.hasNext(); ) {
                Item item = it.next();
                if (item.seq() <= after) {
                    break;
                }
                if ((appId == null || appId.equals(item.appId()))
                        && (openid == null || openid.equals(item.openid()))) {
                    found.add(item);
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
