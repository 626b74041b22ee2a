package io.github.wxsession.boot.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.redis.WxRedisUnavailableException;
import io.github.wxsession.router.WxDeliveryLostException;
import io.github.wxsession.router.WxMessageHandlingException;
import io.github.wxsession.router.WxMessageInProgressException;
import io.github.wxsession.router.WxSenderBusyException;
import io.github.wxsession.session.WxLockTimeoutException;
import io.github.wxsession.session.WxStoreUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The table from routing failures to callback answers, by type. */
class RoutingFailuresTest {

    @Test
    void theRoutersOwnOutcomesAnswerTheirOwn503s() {
        assertThat(status(new WxMessageInProgressException("k"))).isEqualTo("503 in-progress");
        assertThat(status(new WxSenderBusyException("k", "u", Duration.ofSeconds(1)))).isEqualTo("503 sender-busy");
        assertThat(status(new WxDeliveryLostException("k"))).isEqualTo("503 lease-lost");
    }

    @Test
    void aStoreOutageOrALockNotGrantedIs503StoreUnavailableEvenInsideAHandlersFailure() {
        WxStoreUnavailableException redisDown = new WxRedisUnavailableException("reading the ACCESS_TOKEN of wx1",
                new IllegalStateException("connection refused"));
        assertThat(status(redisDown)).isEqualTo("503 store-unavailable");
        assertThat(status(new WxLockTimeoutException("gave up"))).isEqualTo("503 store-unavailable");
        assertThat(status(new WxMessageHandlingException("handling failed", redisDown)))
                .isEqualTo("503 store-unavailable");
        assertThat(status(new WxMessageHandlingException("handling failed",
                new RuntimeException(new WxLockTimeoutException("gave up"))))).isEqualTo("503 store-unavailable");
    }

    @Test
    void aHandlersOwnFailureIs500AndAnythingElseIsNotTheTablesToAnswer() {
        assertThat(status(new WxMessageHandlingException("handling failed", new IllegalArgumentException()))).isEqualTo(
                "500 handler-failed");
        assertThat(RoutingFailures.rejectionFor(new IllegalStateException("no async reply sender"))).isNull();
    }

    @Test
    void theRejectionKeepsTheFailureAsItsCauseForTheLog() {
        WxMessageHandlingException failure = new WxMessageHandlingException("handling failed",
                new WxStoreUnavailableException("down", null));
        assertThat(RoutingFailures.rejectionFor(failure).getCause()).isSameAs(failure);
    }

    private static String status(RuntimeException failure) {
        CallbackRejection rejection = RoutingFailures.rejectionFor(failure);
        return rejection.reason().status() + " " + rejection.reason().tag();
    }
}
