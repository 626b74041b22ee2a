package io.github.wxsession.crypto;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The 16 random bytes that start every encrypted frame, drawn from a {@link SecureRandom} 4 KiB at
 * a time. Each draw takes the provider's lock and, for the default provider, mixes in bytes read
 * from the operating system: once per 256 replies instead of once per reply. Each byte is handed
 * out once: threads claim their slice of the current chunk with one atomic add, and a chunk is
 * published only when it is full of random bytes.
 */
final class RandomPrefixes {

    private static final int CHUNK = 4096;

    private final SecureRandom source;
    private final AtomicReference<Chunk> current = new AtomicReference<>(new Chunk(new byte[0]));

    RandomPrefixes(SecureRandom source) {
        this.source = source;
    }

    /** Fills {@code prefix} (at most 4 KiB) with random bytes no other call gets. */
    void next(byte[] prefix) {
        while (true) {
            Chunk chunk = current.get();
            int at = chunk.taken.getAndAdd(prefix.length);
            if (at + prefix.length <= chunk.bytes.length) {
                System.arraycopy(chunk.bytes, at, prefix, 0, prefix.length);
                return;
            }
            byte[] fresh = new byte[CHUNK];
            source.nextBytes(fresh);
            // A thread that loses the race drops its chunk: those bytes are never handed out.
            current.compareAndSet(chunk, new Chunk(fresh));
        }
    }

    private record Chunk(byte[] bytes, AtomicInteger taken) {

        Chunk(byte[] bytes) {
            this(bytes, new AtomicInteger());
        }
    }
}
