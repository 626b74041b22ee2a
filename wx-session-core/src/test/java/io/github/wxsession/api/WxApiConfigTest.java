package io.github.wxsession.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WxApiConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        WxApiConfig config = WxApiConfig.builder().build();

        assertThat(config.type()).isEqualTo(WxApiType.MP);
        assertThat(config.baseUri()).isEqualTo(URI.create("https://api.weixin.qq.com/"));
        assertThat(config.stableToken()).isFalse();
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.retrySleepMillis()).isEqualTo(1000);
        assertThat(config.maxRetryTimes()).isEqualTo(5);
        assertThat(config.sleeper()).isSameAs(Sleeper.THREAD_SLEEP);
    }

    @Test
    void weComDefaultsToItsOwnHost() {
        assertThat(WxApiConfig.builder().type(WxApiType.CP).build().baseUri())
                .isEqualTo(URI.create("https://qyapi.weixin.qq.com/"));
    }

    @Test
    void baseUriOverrideGetsATrailingSlash() {
        assertThat(WxApiConfig.builder().baseUri("http://127.0.0.1:8080/wx-emulator").build().baseUri())
                .isEqualTo(URI.create("http://127.0.0.1:8080/wx-emulator/"));
    }

    @Test
    void baseUriMustBeAnAbsoluteHttpRoot() {
        assertThatIllegalArgumentException().isThrownBy(() -> WxApiConfig.builder().baseUri("api.weixin.qq.com"))
                .withMessageContaining("absolute http(s) URI");
        assertThatIllegalArgumentException().isThrownBy(() -> WxApiConfig.builder().baseUri("ftp://host/"))
                .withMessageContaining("absolute http(s) URI");
        assertThatIllegalArgumentException().isThrownBy(() -> WxApiConfig.builder().baseUri("https://host/?a=b"))
                .withMessageContaining("without query");
    }

    @Test
    void stableTokenModeIsRejectedForWeCom() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WxApiConfig.builder().type(WxApiType.CP).stableToken(true).build())
                .withMessageContaining("turn it off for WeCom");
    }

    @Test
    void nonsensicalTimeoutsAndRetriesAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> WxApiConfig.builder().readTimeout(Duration.ZERO))
                .withMessageContaining("readTimeout must be positive");
        assertThatIllegalArgumentException().isThrownBy(() -> WxApiConfig.builder().retrySleepMillis(-1))
                .withMessageContaining("retrySleepMillis");
        assertThatIllegalArgumentException().isThrownBy(() -> WxApiConfig.builder().maxRetryTimes(-1))
                .withMessageContaining("maxRetryTimes");
    }

    @Test
    void backoffDoublesFromTheFirstSleep() {
        RetryPolicy policy = new RetryPolicy(1000, 5, Sleeper.THREAD_SLEEP);

        assertThat(policy.delay(0)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.delay(4)).isEqualTo(Duration.ofMillis(16000));
        assertThat(policy.allows(4)).isTrue();
        assertThat(policy.allows(5)).isFalse();
        assertThat(new RetryPolicy(Long.MAX_VALUE / 2, 30, Sleeper.THREAD_SLEEP).delay(29).toMillis())
                .isEqualTo(Long.MAX_VALUE);
    }
}
