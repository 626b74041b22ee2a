package io.github.wxsession.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WxSessionIdGeneratorTest {

    private final WxSessionIdGenerator generator = WxSessionIdGenerator.secureRandom();

    @Test
    void idsCarryAtLeast128RandomBitsInUrlSafeCharacters() {
        String id = generator.generateId();

        // 24 Base64 characters hold 144 bits.
        assertThat(id).hasSize(24).matches("[A-Za-z0-9_-]{24}");
        assertThat(WxSessionIds.requireValid(id)).isEqualTo(id);
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(generator.generateId());
        }
        assertThat(ids).hasSize(10_000);
    }
}
