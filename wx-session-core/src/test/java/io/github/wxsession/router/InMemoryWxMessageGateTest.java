package io.github.wxsession.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.router.WxMessageAdmission.Outcome;
import io.github.wxsession.test.MutableClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What only the in-memory gate does; the contract every gate keeps is {@link InMemoryWxMessageGateContractTest}. */
class InMemoryWxMessageGateTest {

    private final MutableClock clock = MutableClock.startingAt("2024-05-01T00:00:00Z");
    private final InMemoryWxMessageGate gate = InMemoryWxMessageGate.builder()
            .clock(clock).ttl(Duration.ofSeconds(60)).maxWait(Duration.ofSeconds(4)).build();
    private final InMemoryWxMessageGate impatient = InMemoryWxMessageGate.builder()
            .clock(clock).maxWait(Duration.ZERO).build();

    @Test
    void aHandledKeyIsForgottenTheTtlAfterItCompleted() {
        WxDelivery delivery = gate.begin("k", "oAnn").delivery();
        clock.advance(Duration.ofSeconds(30));
        delivery.complete("reply");

        clock.advance(Duration.ofSeconds(59));
        assertThat(gate.begin("k", "oAnn").outcome()).isEqualTo(Outcome.HANDLED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(gate.begin("k", "oAnn").outcome()).isEqualTo(Outcome.ACQUIRED);
    }

    @Test
    void aKeyIsHeldForAsLongAsItsDeliveryRunsHoweverLong() {
        WxDelivery running = impatient.begin("k", null).delivery();

        clock.advance(Duration.ofHours(1));

        assertThat(impatient.begin("k", null).outcome()).isEqualTo(Outcome.IN_PROGRESS);
        running.complete("late but once");
        assertThat(impatient.begin("k", null)).isEqualTo(WxMessageAdmission.handled("k", "late but once"));
    }

    @Test
    void expiredKeysAreSweptSoMemoryStaysBounded() {
        for (int i = 0; i < 100; i++) {
            gate.begin("old-" + i, "oUser" + i).delivery().complete("reply");
        }
        clock.advance(Duration.ofSeconds(61));

        for (int i = 0; i < 10; i++) {
            gate.begin("new-" + i, "oUser" + i).delivery().complete("reply");
        }

        assertThat(gate.size()).isEqualTo(10);
        assertThat(gate.begin("old-0", "oUser0").outcome()).isEqualTo(Outcome.ACQUIRED);
    }

    @Test
    void aDuplicateWaitsOnTheHolderWithoutPollingAndWakesWhenItCompletes() throws Exception {
        WxDelivery holder = gate.begin("k", "oAnn").delivery();
        CompletableFuture<WxMessageAdmission> duplicate = CompletableFuture.supplyAsync(() -> gate.begin("k", "oAnn"));

        holder.complete("the reply");

        assertThat(duplicate.get(5, TimeUnit.SECONDS)).isEqualTo(WxMessageAdmission.handled("k", "the reply"));
    }

    @Test
    void anInterruptedDuplicateAnswersInProgressAndKeepsTheInterrupt() {
        gate.begin("k", "oAnn");
        Thread.currentThread().interrupt();
        try {
            assertThat(gate.begin("k", "oAnn").outcome()).isEqualTo(Outcome.IN_PROGRESS);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aSenderWhoseTurnIsTakenByARunningMessageIsBusyAtOnceWithoutAWaitAndTheNewKeyIsFree() {
        impatient.begin("first", "oAnn");

        assertThatThrownBy(() -> impatient.begin("second", "oAnn")).isInstanceOf(WxSenderBusyException.class)
                .satisfies(e -> assertThat(((WxSenderBusyException) e).getMessageKey()).isEqualTo("second"));
        assertThat(impatient.size()).as("the busy message holds nothing").isEqualTo(1);
        assertThat(impatient.begin("second", "oBob").outcome()).isEqualTo(Outcome.ACQUIRED);
    }

    @Test
    void aKeyTooLongToRememberIsRefusedBeforeAnythingIsTaken() {
        assertThatThrownBy(() -> gate.begin("k".repeat(30_000), "oAnn")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most");
        assertThat(gate.size()).isZero();
        assertThat(gate.begin("k", "oAnn").outcome()).as("the sender's turn was not taken").isEqualTo(Outcome.ACQUIRED);
    }

    @Test
    void admissionsAreConsistentValues() {
        WxDelivery delivery = gate.begin("k", null).delivery();
        assertThatThrownBy(() -> new WxMessageAdmission("k", Outcome.ACQUIRED, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WxMessageAdmission("k", Outcome.HANDLED, delivery, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WxMessageAdmission("k", Outcome.IN_PROGRESS, null, "reply"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WxMessageAdmission.handled(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> gate.begin(null, "oAnn")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderRefusesUnusableSettings() {
        assertThatThrownBy(() -> InMemoryWxMessageGate.builder().ttl(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ttl must be positive, was PT0S");
        assertThatThrownBy(() -> InMemoryWxMessageGate.builder().maxWait(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InMemoryWxMessageGate.builder().clock(null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
