package io.github.wxsession.redis.session;

import static io.github.wxsession.redis.session.SessionCommands.ACCESSED_FIELD;
import static io.github.wxsession.redis.session.SessionCommands.HMGET;
import static io.github.wxsession.redis.session.SessionCommands.READ;
import static io.github.wxsession.redis.session.SessionCommands.TIMEOUT_FIELD;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;

/**
 * The sweep's search for idle sessions: a scan of the master (of every master of a cluster), with
 * the access fields of each page read on the master in one pipeline; nothing is read from a
 * replica, which may lag. The scan asks for no {@code TYPE} (Redis 6.0 and later only): the
 * pattern matches session hashes alone, and a key of another type under it reads as absent.
 */
final class DueSessionScan {

    private static final LuaScript SCAN = LuaScript.load("scan-on-master", ReturnType.MULTI);
    /** Keys per batch: one SCAN page and one pipeline of reads. */
    private static final int BATCH = 500;

    private final RedisConnectionFactory factory;
    private final RedisSessionKeys keys;

    DueSessionScan(RedisConnectionFactory factory, RedisSessionKeys keys) {
        this.factory = factory;
        this.keys = keys;
    }

    /**
     * The keys of the account's sessions idle past their timeout at {@code now}, found over
     * {@code connection}.
     *
     * @param live counts every session hash the scan saw
     */
    List<byte[]> find(RedisConnection connection, long now, AtomicLong live) {
        List<byte[]> due = new ArrayList<>();
        // Reads go through a second connection: a pipeline on the first would stall its cursor.
        try (RedisConnection reads = factory.getConnection()) {
            if (connection instanceof RedisClusterConnection cluster) {
                ScanOptions options = ScanOptions.scanOptions().match(keys.scanPattern()).count(BATCH).build();
                for (RedisClusterNode node : cluster.clusterGetNodes()) {
                    if (node.isMaster()) {
                        collectDue(cluster.scan(node, options), reads, now, due, live);
                    }
                }
            } else {
                scanMaster(connection, reads, now, due, live);
            }
        }
        return due;
    }

    private static void collectDue(Cursor<byte[]> cursor, RedisConnection reads, long now, List<byte[]> due,
            AtomicLong live) {
        List<byte[]> batch = new ArrayList<>(BATCH);
        try (cursor) {
            while (cursor.hasNext()) {
                batch.add(cursor.next());
                if (batch.size() == BATCH) {
                    addDue(batch, reads, now, due, live);
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            addDue(batch, reads, now, due, live);
        }
    }

    /** Not a cluster: the scan's pages come from a script, which Lettuce sends to the master whatever read-from is set. */
    private void scanMaster(RedisConnection connection, RedisConnection reads, long now, List<byte[]> due,
            AtomicLong live) {
        byte[] cursor = {'0'};
        byte[] count = SessionCommands.ascii(BATCH);
        do {
            List<Object> page = SCAN.run(connection, 0, cursor, keys.scanPattern(), count);
            cursor = (byte[]) page.get(0);
            @SuppressWarnings("unchecked")
            List<byte[]> found = (List<byte[]>) page.get(1);
            if (!found.isEmpty()) {
                addDue(found, reads, now, due, live);
            }
        } while (!(cursor.length == 1 && cursor[0] == '0'));
    }

    private static void addDue(List<byte[]> batch, RedisConnection reads, long now, List<byte[]> due,
            AtomicLong live) {
        reads.openPipeline();
        for (byte[] key : batch) {
            READ.send(reads, 1, key, HMGET, ACCESSED_FIELD, TIMEOUT_FIELD);
        }
        List<Object> replies = reads.closePipeline();
        for (int i = 0; i < batch.size(); i++) {
            @SuppressWarnings("unchecked")
            List<byte[]> access = (List<byte[]>) replies.get(i);
            if (access.get(0) == null || access.get(1) == null) {
                continue;
            }
            live.incrementAndGet();
            if (SessionCommands.isDue(RedisWxSession.parseLong(access.get(0)), RedisWxSession.parseLong(access.get(1)),
                    now)) {
                due.add(batch.get(i));
            }
        }
    }
}
