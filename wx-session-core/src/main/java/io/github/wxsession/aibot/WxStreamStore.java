package io.github.wxsession.aibot;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where the state of streamed replies lives, so that WeCom's refresh callbacks, which may land
 * on any instance, see what the handler wrote on another. One store per application, shared by
 * its accounts: {@code account} keeps their streams apart. Implementations are thread-safe.
 *
 * <p>Writes to one stream come from one writer ({@link WxStream} serialises them), so a plain
 * overwrite is enough; a reader sees some recent complete state, never a torn one.
 */
public interface WxStreamStore {

    /** Stores the state of a stream, replacing any earlier one, to be forgotten after {@code ttl}. */
    void save(String account, WxStreamState state, Duration ttl);

    /** The latest state saved for this stream, or {@code null} when there is none (never written, or expired). */
    @Nullable WxStreamState find(String account, String streamId);
}
