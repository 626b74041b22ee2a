package io.github.wxsession.redis.session;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Sends scripts without waiting for their answers: the last script of a unit of work that changed
 * nothing (the lock's release, the cached reply) goes out after the reply. {@link LettuceReleases}
 * is the one kind there is; a store without it waits for every script.
 */
interface UnawaitedScripts {

    /**
     * Sends {@code script} with the first {@code keyCount} of {@code keysAndArgs} as keys, without
     * waiting; a failure is logged ({@code what} names the work) and handed to {@code onFailure}.
     *
     * @return {@code false} if it was not sent after all: the caller runs the script and waits
     */
    boolean send(LuaScript script, String what, Runnable onFailure, int keyCount, byte[]... keysAndArgs);

    /** Waits until every script sent has been answered, up to {@code timeout}; {@code false} if some were not. */
    boolean awaitSent(Duration timeout);

    /** Lettuce's, when {@code factory} shares its native connection; otherwise {@code null}: none. */
    static @Nullable UnawaitedScripts forFactory(RedisConnectionFactory factory) {
        return SessionCommands.LETTUCE_PRESENT ? LettuceReleases.forFactory(factory) : null;
    }
}
