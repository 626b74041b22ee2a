package io.github.wxsession.sample;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample on its defaults: sessions, de-duplication and tokens in memory. */
class InMemoryNumberGameTest extends NumberGameTests {

    static final int PORT = FreePort.find();

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }
}
