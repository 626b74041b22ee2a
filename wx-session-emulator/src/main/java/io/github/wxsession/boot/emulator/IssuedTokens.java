package io.github.wxsession.boot.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The access tokens (or tickets) the fake API handed out, so it can refuse one it never issued
 * (errcode 40001) or that ran out (42001) as WeChat does, and the client's refresh-and-retry path
 * runs for real. The last few per account stay valid, as WeChat lets an old token live on for a
 * while after a refresh.
 */
final class IssuedTokens {

    /** WeChat's lifetime for access tokens and jsapi tickets. */
    static final Duration LIFETIME = Duration.ofSeconds(7200);

    private static final int KEPT_PER_ACCOUNT = 8;
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
            .toCharArray();

    /** One token: whose, and until when. */
    record Issued(String token, String appId, long expiresAtMillis) {
    }

    private final String prefix;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Deque<Issued>> byAppId = new HashMap<>();

    /** @param prefix starts every token, so access tokens and tickets are told apart at a glance */
    IssuedTokens(String prefix, Clock clock) {
        this.prefix = prefix;
        this.clock = clock;
    }

    /** A new token for {@code appId}, valid for {@link #LIFETIME}. */
    synchronized Issued issue(String appId) {
        Issued issued = new Issued(prefix + randomText(), appId, clock.millis() + LIFETIME.toMillis());
        Deque<Issued> tokens = byAppId.computeIfAbsent(appId, id -> new ArrayDeque<>());
        tokens.addFirst(issued);
        while (tokens.size() > KEPT_PER_ACCOUNT) {
            tokens.removeLast();
        }
        return issued;
    }

    /** The newest token of {@code appId} while it is valid, else a new one: the stable-token way. */
    synchronized Issued current(String appId) {
        Deque<Issued> tokens = byAppId.get(appId);
        if (tokens != null && !tokens.isEmpty() && isValid(tokens.peekFirst())) {
            return tokens.peekFirst();
        }
        return issue(appId);
    }

    /** The token as issued, expired or not, or {@code null} if this emulator never issued it. */
    synchronized @Nullable Issued find(@Nullable String token) {
        if (token == null || !token.startsWith(prefix)) {
            return null;
        }
        for (Deque<Issued> tokens : byAppId.values()) {
            for (Issued issued : tokens) {
                if (issued.token().equals(token)) {
                    return issued;
                }
            }
        }
        return null;
    }

    boolean isValid(Issued issued) {
        return issued.expiresAtMillis() > clock.millis();
    }

    /** Whole seconds until {@code issued} expires, for an answer's {@code expires_in}. */
    long secondsLeft(Issued issued) {
        return Math.max(0, (issued.expiresAtMillis() - clock.millis()) / 1000);
    }

    private String randomText() {
        char[] text = new char[32];
        for (int i = 0; i < text.length; i++) {
            text[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(text);
    }
}
