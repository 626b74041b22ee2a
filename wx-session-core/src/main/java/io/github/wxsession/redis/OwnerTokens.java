package io.github.wxsession.redis;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tokens that tell lock holders apart: unique across JVMs by a random part, within one by a
 * sequence.
 * <p>
 * Internal: public only so that the session and token subpackages share it; not an API, and
 * may change in any release.
 */
public final class OwnerTokens {

    private static final String JVM_ID = UUID.randomUUID().toString();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private OwnerTokens() {
    }

    /** A token no other holder anywhere has, as the bytes stored in the lock and the in-progress record. */
    public static byte[] next() {
        return (JVM_ID + ':' + SEQUENCE.incrementAndGet()).getBytes(StandardCharsets.US_ASCII);
    }
}
