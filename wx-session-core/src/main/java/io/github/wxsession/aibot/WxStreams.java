package io.github.wxsession.aibot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Opens the streamed replies of AI-bot messages and finds them again for WeCom's refreshes.
 *
 * <p>A message's stream id is derived from its account and {@code msgid}: a retry of the message,
 * on whichever instance, names the same stream, so a retry that arrives while the first delivery
 * still runs is answered with that stream's content so far instead of a second answer. Thread-safe.
 */
public final class WxStreams {

    private static final int ID_BYTES = 18;

    private final WxStreamStore store;
    private final Clock clock;

    public WxStreams(WxStreamStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The store the streams live in. */
    public WxStreamStore store() {
        return store;
    }

    /**
     * The stream id of a message: 24 URL-safe characters, the same for every delivery of it.
     *
     * @param account the account the message came to
     * @param deliveryId the message's {@code msgid}
     */
    public static String idOf(String account, String deliveryId) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        sha.update(account.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        byte[] hash = sha.digest(deliveryId.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, ID_BYTES));
    }

    /**
     * The stream of a message, to write to. The first open stores it empty and unfinished, so
     * that refreshes find it before its first write; a later open (a retry, another instance)
     * continues from what is stored.
     */
    public WxStream open(String account, String deliveryId) {
        return open(account, deliveryId, null);
    }

    /**
     * As {@link #open(String, String)}, with {@code afterFirstWrite} run once, on the writing
     * thread, after this handle's first write is stored: e.g. to answer the callback with the
     * stream as soon as it has something to show.
     */
    public WxStream open(String account, String deliveryId, @Nullable Runnable afterFirstWrite) {
        String id = idOf(account, deliveryId);
        WxStreamState state = store.find(account, id);
        if (state == null) {
            state = new WxStreamState(id, "", false);
            store.save(account, state, WxStream.WINDOW.plus(WxStream.GRACE));
        }
        return new WxStream(store, account, state, clock.instant().plus(WxStream.WINDOW), clock, afterFirstWrite);
    }

    /** What a refresh for {@code streamId} is answered with, or {@code null} if nothing is stored for it. */
    public @Nullable WxStreamState find(String account, String streamId) {
        return store.find(account, streamId);
    }
}
