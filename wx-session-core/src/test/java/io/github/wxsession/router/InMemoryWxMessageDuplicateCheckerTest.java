package io.github.wxsession.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.router.WxMessageClaim.Outcome;
import io.github.wxsession.test.MutableClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryWxMessageDuplicateCheckerTest {

    private final MutableClock clock = MutableClock.startingAt("2024-05-01T00:00:00Z");
    private final InMemoryWxMessageDuplicateChecker checker = InMemoryWxMessageDuplicateChecker.builder()
            .clock(clock).ttl(Duration.ofSeconds(60)).maxWait(Duration.ofSeconds(4)).build();
    private final InMemoryWxMessageDuplicateChecker impatient = InMemoryWxMessageDuplicateChecker.builder()
            .clock(clock).maxWait(Duration.ZERO).build();

    @Test
    void theFirstClaimAcquiresAndACompletedKeyAnswersItsReply() {
        WxMessageClaim first = checker.claim("k");

        checker.complete(first, "<xml>reply</xml>");

        assertThat(first.outcome()).isEqualTo(Outcome.ACQUIRED);
        assertThat(first.token()).isNotNull();
        assertThat(checker.claim("k")).isEqualTo(WxMessageClaim.handled("k", "<xml>reply</xml>"));
    }

    @Test
    void aKeyCompletedWithoutReplyIsHandledWithNoReply() {
        checker.complete(checker.claim("k"), null);

        assertThat(checker.claim("k")).isEqualTo(WxMessageClaim.handled("k", null));
    }

    @Test
    void aReleasedKeyIsAcquiredAgainAtOnce() {
        WxMessageClaim first = checker.claim("k");
        checker.release(first);

        WxMessageClaim second = checker.claim("k");

        assertThat(second.outcome()).isEqualTo(Outcome.ACQUIRED);
        assertThat(second.token()).isNotEqualTo(first.token());
    }

    @Test
    void aHandledKeyIsForgottenAfterTheTtl() {
        checker.complete(checker.claim("k"), "reply");

        clock.advance(Duration.ofSeconds(59));
        assertThat(checker.claim("k").outcome()).isEqualTo(Outcome.HANDLED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(checker.claim("k").outcome()).isEqualTo(Outcome.ACQUIRED);
    }

    @Test
    void aKeyWhoseHolderHangsIsFreedAfterTheTtl() {
        impatient.claim("k");

        assertThat(impatient.claim("k").outcome()).isEqualTo(Outcome.IN_PROGRESS);
        clock.advance(InMemoryWxMessageDuplicateChecker.DEFAULT_TTL);
        assertThat(impatient.claim("k").outcome()).isEqualTo(Outcome.ACQUIRED);
    }

    @Test
    void aHolderWhoseClaimExpiredCannotOverwriteTheNewOwner() {
        WxMessageClaim stale = impatient.claim("k");
        clock.advance(InMemoryWxMessageDuplicateChecker.DEFAULT_TTL);
        WxMessageClaim current = impatient.claim("k");

        impatient.complete(stale, "stale reply");
        impatient.release(stale);

        assertThat(impatient.claim("k").outcome()).as("still held by the new owner").isEqualTo(Outcome.IN_PROGRESS);
        impatient.complete(current, "current reply");
        assertThat(impatient.claim("k").replyXml()).isEqualTo("current reply");
    }

    @Test
    void expiredEntriesAreSweptSoMemoryStaysBounded() {
        for (int i = 0; i < 100; i++) {
            checker.complete(checker.claim("old-" + i), "reply");
        }
        clock.advance(Duration.ofSeconds(61));

        for (int i = 0; i < 10; i++) {
            checker.complete(checker.claim("new-" + i), "reply");
        }

        assertThat(checker.size()).isEqualTo(10);
        assertThat(checker.claim("old-0").outcome()).isEqualTo(Outcome.ACQUIRED);
    }

    @Test
    void aDuplicateWaitsForTheHolderAndGetsItsReply() throws Exception {
        WxMessageClaim holder = checker.claim("k");
        CompletableFuture<WxMessageClaim> duplicate = CompletableFuture.supplyAsync(() -> checker.claim("k"));

        checker.complete(holder, "the reply");

        assertThat(duplicate.get(5, TimeUnit.SECONDS)).isEqualTo(WxMessageClaim.handled("k", "the reply"));
    }

    @Test
    void aDuplicateWaitingForAHolderThatFailsTakesTheMessageOver() throws Exception {
        WxMessageClaim holder = checker.claim("k");
        CompletableFuture<WxMessageClaim> duplicate = CompletableFuture.supplyAsync(() -> checker.claim("k"));

        checker.release(holder);

        WxMessageClaim takenOver = duplicate.get(5, TimeUnit.SECONDS);
        assertThat(takenOver.outcome()).isEqualTo(Outcome.ACQUIRED);
        assertThat(checker.size()).isEqualTo(1);
    }

    @Test
    void aDuplicateGivesUpAfterTheMaximumWait() {
        InMemoryWxMessageDuplicateChecker briefly = InMemoryWxMessageDuplicateChecker.builder()
                .clock(clock).maxWait(Duration.ofMillis(1)).build();
        briefly.claim("k");

        assertThat(briefly.claim("k")).isEqualTo(WxMessageClaim.inProgress("k"));
        assertThat(impatient.claim("other").outcome()).isEqualTo(Outcome.ACQUIRED);
        assertThat(impatient.claim("other")).isEqualTo(WxMessageClaim.inProgress("other"));
    }

    @Test
    void anInterruptedDuplicateAnswersInProgressAndKeepsTheInterrupt() {
        checker.claim("k");
        Thread.currentThread().interrupt();
        try {
            assertThat(checker.claim("k").outcome()).isEqualTo(Outcome.IN_PROGRESS);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void onlyAcquiredClaimsCanBeCompletedOrReleased() {
        assertThatThrownBy(() -> checker.complete(WxMessageClaim.handled("k", null), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only an ACQUIRED claim");
        assertThatThrownBy(() -> checker.release(WxMessageClaim.inProgress("k")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void claimsAreConsistentValues() {
        assertThatThrownBy(() -> new WxMessageClaim("k", Outcome.ACQUIRED, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WxMessageClaim("k", Outcome.IN_PROGRESS, null, "reply"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WxMessageClaim.handled(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderRefusesUnusableSettings() {
        assertThatThrownBy(() -> InMemoryWxMessageDuplicateChecker.builder().ttl(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ttl must be positive, was PT0S");
        assertThatThrownBy(() -> InMemoryWxMessageDuplicateChecker.builder().maxWait(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InMemoryWxMessageDuplicateChecker.builder().clock(null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
