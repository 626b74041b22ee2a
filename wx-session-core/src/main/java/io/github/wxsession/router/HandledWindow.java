package io.github.wxsession.router;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The handled messages of the last TTL and their replies, for {@link InMemoryWxMessageGate}: a busy
 * account keeps a TTL's worth of them (1.2 million at 20,000 messages a second and 60 s), so they
 * are kept compactly and out of the young generation's way. Each is one record in a byte array of
 * up to 256 KiB (key, expiry, the reply through {@link ReplyCodec}), found through an
 * open-addressing table of longs: a few large arrays that hold no references, instead of millions
 * of small objects, so a young collection has next to nothing to trace or copy.
 * <p>
 * Records are never deleted one by one. The window has two generations of one TTL each: records
 * go into the current one; when it is a TTL old, it becomes the previous one and the one before is
 * dropped whole, since all of its records have expired. A lookup checks each record's expiry.
 * <p>
 * Keys are spread over shards by their hash, each with its own lock: a put or a lookup holds it
 * well under a microsecond, and a request thread descheduled while holding it (two cores, dozens
 * of request threads) stalls only the messages of its shard.
 */
final class HandledWindow {

    /** What a lookup found: the message was handled, with this reply ({@code null}: none). */
    record Handled(String replyXml) {
    }

    /**
     * The first chunk and table of a generation are small, so an account that gets a message a
     * minute (a thousand of them in one JVM) holds under a kilobyte, not 80; under load chunks
     * double up to {@link #MAX_CHUNK} and tables double, and the next generation starts at the size
     * the last one reached.
     */
    private static final int MIN_CHUNK = 1 << 9;
    /**
     * Under G1's humongous threshold (half a region, 512 KiB at the least), so that a chunk is no
     * humongous object taking whole regions: it is promoted after a few young collections, each of
     * which copies it as one block, never looking inside.
     */
    private static final int MAX_CHUNK = 1 << 18;
    private static final int MIN_SLOTS = 1 << 4;
    /** Record header: expiry (8), key length (2), reply length (4, -1 for none). */
    private static final int HEADER = 14;
    private static final int NO_REPLY = -1;
    /** Longest key in UTF-8 bytes; {@link #MAX_KEY_CHARS} characters always fit. */
    private static final int MAX_KEY = 0xffff;
    static final int MAX_KEY_CHARS = MAX_KEY / 3;

    private final long ttlMillis;
    private final Shard[] shards;
    private final int shardShift;

    /** A window of {@link #defaultShards()} shards. */
    HandledWindow(long ttlMillis, long now) {
        this(ttlMillis, now, defaultShards());
    }

    /** {@code shards}, a power of two: each has its own lock, so a thread descheduled holding one stalls few others. */
    HandledWindow(long ttlMillis, long now, int shards) {
        if (shards <= 0 || Integer.bitCount(shards) != 1) {
            throw new IllegalArgumentException("shards must be a power of two, was " + shards);
        }
        this.ttlMillis = ttlMillis;
        this.shards = new Shard[shards];
        for (int i = 0; i < shards; i++) {
            this.shards[i] = new Shard();
        }
        this.shardShift = 32 - Integer.numberOfTrailingZeros(shards);
    }

    /** Four per core, 4 to 64: request threads outnumber the cores many times over. */
    private static int defaultShards() {
        int wanted = 4 * Runtime.getRuntime().availableProcessors();
        return Math.min(64, Math.max(4, Integer.highestOneBit(wanted - 1) << 1));
    }

    /** Remembers {@code key} as handled with {@code replyXml} (or none) until {@code now} + TTL. */
    void put(String key, String replyXml, String sender, long now) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        byte[] reply = replyXml == null ? null : ReplyCodec.encode(replyXml, sender);
        if (keyBytes.length > MAX_KEY) {
            throw new IllegalArgumentException("a message key of " + keyBytes.length + " bytes is longer than the"
                    + " de-duplication window keeps (" + MAX_KEY + ")");
        }
        int hash = spread(key.hashCode());
        shardOf(hash).put(hash, keyBytes, reply, now);
    }

    /** The handled message {@code key}, if it was handled within the TTL before {@code now}; else {@code null}. */
    Handled get(String key, String sender, long now) {
        int hash = spread(key.hashCode());
        return shardOf(hash).find(hash, key.getBytes(StandardCharsets.UTF_8), sender, now);
    }

    /** Records held, expired ones of the current generations included. */
    int size() {
        int size = 0;
        for (Shard shard : shards) {
            size += shard.size();
        }
        return size;
    }

    /** Bytes held by the arrays (records and tables), for tests and the footprint benchmark. */
    long retainedBytes() {
        long bytes = 0;
        for (Shard shard : shards) {
            bytes += shard.retainedBytes();
        }
        return bytes;
    }

    /** By the hash's top bits; a table's slot is picked by its low ones. */
    private Shard shardOf(int hash) {
        return shards.length == 1 ? shards[0] : shards[hash >>> shardShift];
    }

    /** Two generations of the keys whose hashes pick it; none until its first key. */
    private final class Shard {
        private Generation current;
        private Generation previous;

        synchronized void put(int hash, byte[] keyBytes, byte[] reply, long now) {
            if (current == null) {
                current = new Generation(now, MIN_SLOTS, MIN_CHUNK);
            }
            rotate(now);
            current.add(hash, keyBytes, reply, now + ttlMillis);
        }

        synchronized Handled find(int hash, byte[] keyBytes, String sender, long now) {
            if (current == null) {
                return null;
            }
            rotate(now);
            Handled found = current.find(hash, keyBytes, sender, now);
            return found != null || previous == null ? found : previous.find(hash, keyBytes, sender, now);
        }

        synchronized int size() {
            return (current == null ? 0 : current.size) + (previous == null ? 0 : previous.size);
        }

        synchronized long retainedBytes() {
            return (current == null ? 0 : current.retainedBytes())
                    + (previous == null ? 0 : previous.retainedBytes());
        }

        private void rotate(long now) {
            if (now - current.startedAt >= ttlMillis) {
                previous = current;
                // Sized as the last one ended, so a steady load adds no table.
                current = new Generation(now, tableSizeFor(current.size), chunkSizeFor(current.usedBytes));
            }
            if (previous != null && previous.latestExpiry <= now) {
                previous = null; // every record in it has expired
            }
        }
    }

    private static int tableSizeFor(int records) {
        return Math.max(MIN_SLOTS, Integer.highestOneBit(Math.max(1, records * 2 - 1)) << 1);
    }

    private static int chunkSizeFor(long bytes) {
        return (int) Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Long.highestOneBit(Math.max(1, bytes - 1)) << 1));
    }

    /** Murmur3's finalizer: String hash codes of similar keys differ in few bits. */
    private static int spread(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /** One TTL's records. */
    private static final class Generation {
        final long startedAt;
        /**
         * Slots: 0 empty; else the record's position + 1 in the low 40 bits, 24 bits of its hash
         * above. A full table is never rehashed (that would hold the lock for as long as it takes
         * to move a million records): a twice larger one is added, and lookups probe them all.
         */
        long[][] tables = new long[1][];
        int tableCount = 1;
        /** Records in the last table. */
        int inLast;
        byte[][] chunks = new byte[4][];
        int chunkCount;
        int chunkSize;
        /** Where the next record goes in the last chunk. */
        int fill;
        int size;
        long usedBytes;
        long latestExpiry = Long.MIN_VALUE;

        Generation(long startedAt, int slotCount, int chunkSize) {
            this.startedAt = startedAt;
            this.tables[0] = new long[slotCount];
            this.chunkSize = chunkSize;
        }

        void add(int hash, byte[] key, byte[] reply, long expiresAt) {
            int length = HEADER + key.length + (reply == null ? 0 : reply.length);
            long position = allocate(length);
            usedBytes += length;
            byte[] chunk = chunks[(int) (position >>> OFFSET_BITS)];
            int at = (int) (position & OFFSET_MASK);
            putLong(chunk, at, expiresAt);
            chunk[at + 8] = (byte) (key.length >>> 8);
            chunk[at + 9] = (byte) key.length;
            putInt(chunk, at + 10, reply == null ? NO_REPLY : reply.length);
            System.arraycopy(key, 0, chunk, at + HEADER, key.length);
            if (reply != null) {
                System.arraycopy(reply, 0, chunk, at + HEADER + key.length, reply.length);
            }
            size++;
            long[] last = tables[tableCount - 1];
            if (++inLast * 2 > last.length) {
                if (tableCount == tables.length) {
                    tables = Arrays.copyOf(tables, tableCount * 2);
                }
                last = new long[last.length * 2];
                tables[tableCount++] = last;
                inLast = 1;
            }
            insert(last, hash, position);
            latestExpiry = Math.max(latestExpiry, expiresAt);
        }

        Handled find(int hash, byte[] key, String sender, long now) {
            for (int t = tableCount - 1; t >= 0; t--) {
                Handled found = find(tables[t], hash, key, sender, now);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }

        private Handled find(long[] slots, int hash, byte[] key, String sender, long now) {
            int mask = slots.length - 1;
            long tag = (long) (hash >>> 8) << 40;
            for (int i = hash & mask; ; i = (i + 1) & mask) {
                long slot = slots[i];
                if (slot == 0) {
                    return null;
                }
                if ((slot & ~POSITION_MASK) != tag) {
                    continue;
                }
                long position = (slot & POSITION_MASK) - 1;
                byte[] chunk = chunks[(int) (position >>> OFFSET_BITS)];
                int at = (int) (position & OFFSET_MASK);
                int keyLength = (chunk[at + 8] & 0xff) << 8 | chunk[at + 9] & 0xff;
                if (getLong(chunk, at) > now && keyLength == key.length
                        && Arrays.equals(chunk, at + HEADER, at + HEADER + keyLength, key, 0, key.length)) {
                    int replyLength = getInt(chunk, at + 10);
                    return new Handled(replyLength == NO_REPLY ? null
                            : ReplyCodec.decode(chunk, at + HEADER + keyLength, replyLength, sender));
                }
            }
        }

        /**
         * A position for {@code length} bytes: the chunk's index above {@link #OFFSET_BITS}, the
         * offset below. A record longer than a chunk gets a chunk of its own, at offset 0.
         */
        private long allocate(int length) {
            if (chunkCount == 0 || fill + length > chunks[chunkCount - 1].length) {
                if (chunkCount > 0 && chunkSize < MAX_CHUNK) {
                    chunkSize <<= 1;
                }
                if (chunkCount == chunks.length) {
                    chunks = Arrays.copyOf(chunks, chunkCount * 2);
                }
                chunks[chunkCount++] = new byte[Math.max(chunkSize, length)];
                fill = 0;
            }
            long position = (long) (chunkCount - 1) << OFFSET_BITS | fill;
            fill += length;
            return position;
        }

        private static void insert(long[] slots, int hash, long position) {
            int mask = slots.length - 1;
            int i = hash & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = (long) (hash >>> 8) << 40 | (position + 1);
        }

        long retainedBytes() {
            long bytes = 0;
            for (int i = 0; i < tableCount; i++) {
                bytes += 8L * tables[i].length;
            }
            for (int i = 0; i < chunkCount; i++) {
                bytes += chunks[i].length;
            }
            return bytes;
        }
    }

    /** A slot's low 40 bits: a record's position + 1 (18 bits of chunk index, 22 of offset). */
    private static final long POSITION_MASK = (1L << 40) - 1;
    private static final int OFFSET_BITS = 22;
    private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[at + i] & 0xff);
        }
        return v;
    }

    private static void putInt(byte[] b, int at, int v) {
        for (int i = 3; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }
}
