package io.github.wxsession.redis.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.aibot.WxStreamState;
import io.github.wxsession.aibot.WxStreamStore;
import io.github.wxsession.aibot.WxStreamStoreContract;
import io.github.wxsession.redis.RedisServerExtension;
import io.github.wxsession.test.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The stream contract on a real redis-server, whose own clock expires the keys. */
class RedisWxStreamStoreTest extends WxStreamStoreContract {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    protected WxStreamStore store(MutableClock clock) {
        return new RedisWxStreamStore(REDIS.connectionFactory(), "wxtest");
    }

    @Override
    protected void elapse(MutableClock clock, Duration duration) throws InterruptedException {
        // Redis expires keys by its own clock; nothing else to wait on.
        Thread.sleep(duration.toMillis());
    }

    @Test
    void aStreamIsOneStringTaggedWithItsAccountAndIdWithItsTimeToLive() {
        WxStreamStore store = store(null);

        store.save("BOT", new WxStreamState("s1", "广州", true), Duration.ofMinutes(7));

        assertThat(REDIS.template().opsForValue().get("wxtest:{BOT:s1}:st")).isEqualTo("1广州");
        assertThat(REDIS.template().getExpire("wxtest:{BOT:s1}:st")).isBetween(419L, 420L);
    }

    @Test
    void aKeyOfAnotherShapeReadsAsAbsent() {
        REDIS.template().opsForValue().set("wxtest:{BOT:s1}:st", "");
        REDIS.template().opsForHash().put("wxtest:{BOT:s2}:st", "f", "v");

        assertThat(store(null).find("BOT", "s1")).isNull();
        assertThat(store(null).find("BOT", "s2")).isNull();
    }
}
