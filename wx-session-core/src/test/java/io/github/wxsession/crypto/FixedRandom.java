package io.github.wxsession.crypto;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;

/** Hands out the same 16 bytes every time, as the published vectors' fixed random prefixes. */
final class FixedRandom implements RandomGenerator {

    private final byte[] bytes;

    /** The prefix as the vectors write it: 16 ASCII characters, e.g. {@code aaaabbbbccccdddd}. */
    FixedRandom(String ascii) {
        this.bytes = ascii.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length != MessageFrame.RANDOM_LENGTH) {
            throw new IllegalArgumentException("a random prefix has 16 bytes, not " + bytes.length);
        }
    }

    @Override
    public void nextBytes(byte[] target) {
        if (target.length != bytes.length) {
            throw new IllegalArgumentException("asked for " + target.length + " bytes, fixed are " + bytes.length);
        }
        System.arraycopy(bytes, 0, target, 0, bytes.length);
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("only the 16-byte prefix is fixed");
    }
}
