package io.github.wxsession.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.wxsession.test.MutableClock;
import io.github.wxsession.token.InMemoryWxConfigStorage;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** A fake WeChat server, a clock, a recording sleeper and the storage and service wired to them. */
final class ApiTestFixture implements AutoCloseable {

    static final String APP_ID = "wxapp";
    static final String SECRET = "s3cret";
    static final String TOKEN_PATH = "cgi-bin/token";

    final FakeWeChatServer server;
    final MutableClock clock = MutableClock.startingAt("2024-05-01T00:00:00Z");
    final RecordingSleeper sleeper = new RecordingSleeper();
    final InMemoryWxConfigStorage storage = InMemoryWxConfigStorage.builder()
            .appId(APP_ID).secret(SECRET).clock(clock).refreshAhead(Duration.ofMinutes(5)).build();

    ApiTestFixture() throws Exception {
        server = FakeWeChatServer.start();
    }

    /** A configuration pointing at the fake server with a short read timeout. */
    WxApiConfig.Builder config() {
        return WxApiConfig.builder().baseUri(server.baseUri()).sleeper(sleeper).clock(clock)
                .readTimeout(Duration.ofMillis(300));
    }

    HttpWxService service() {
        return service(UnaryOperator.identity());
    }

    HttpWxService service(UnaryOperator<WxApiConfig.Builder> customizer) {
        return new HttpWxService(customizer.apply(config()).build(), storage);
    }

    /** The {@link WxErrorException} {@code call} throws; fails the test if it throws none. */
    static WxErrorException failureOf(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(WxErrorException.class);
        return (WxErrorException) thrown;
    }

    @Override
    public void close() {
        server.close();
    }
}
