package io.github.wxsession.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.test.Concurrently;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RandomPrefixesTest {

    /** Writes a running number into every 16-byte slot of what it is asked for, and counts the asks. */
    private static final class NumberedSlots extends SecureRandom {

        private final AtomicInteger slots = new AtomicInteger();
        private final AtomicInteger asks = new AtomicInteger();

        @Override
        public void nextBytes(byte[] bytes) {
            asks.incrementAndGet();
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.remaining() >= 16) {
                int slot = slots.getAndIncrement();
                buffer.putInt(slot).putInt(~slot).putInt(slot).putInt(~slot);
            }
        }
    }

    @Test
    void everySliceOfTheSourceGoesToExactlyOneCallerWholeEvenUnderContention() throws Exception {
        NumberedSlots source = new NumberedSlots();
        RandomPrefixes prefixes = new RandomPrefixes(source);

        List<List<Integer>> taken = Concurrently.run(8, () -> {
            List<Integer> mine = new ArrayList<>();
            byte[] prefix = new byte[16];
            for (int i = 0; i < 5_000; i++) {
                prefixes.next(prefix);
                ByteBuffer read = ByteBuffer.wrap(prefix);
                int slot = read.getInt();
                assertThat(new int[] {read.getInt(), read.getInt(), read.getInt()}).containsExactly(~slot, slot, ~slot);
                mine.add(slot);
            }
            return mine;
        });

        Set<Integer> all = new HashSet<>();
        taken.forEach(all::addAll);
        assertThat(all).as("no slice handed out twice").hasSize(8 * 5_000);
        int chunks = 8 * 5_000 * 16 / 4096 + 1;
        assertThat(source.asks.get()).as("the source is asked once per 4 KiB (each of 8 threads at most once per chunk)")
                .isBetween(chunks - 1, 8 * chunks);
    }
}
