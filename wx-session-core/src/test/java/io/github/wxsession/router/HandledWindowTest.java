package io.github.wxsession.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.router.HandledWindow.Handled;
import org.junit.jupiter.api.Test;

class HandledWindowTest {

    private static final long TTL = 60_000;
    private static final long T0 = 1_700_000_000_000L;

    /** One shard, so that a generation's sizes are the window's. */
    private final HandledWindow window = new HandledWindow(TTL, T0, 1);

    @Test
    void aHandledKeyAnswersItsReplyUntilTheTtlHasPassedSinceItWasPut() {
        window.put("wx:m:1", "<xml>reply</xml>", "oAnn", T0 + 5);

        assertThat(window.get("wx:m:1", "oAnn", T0 + 5)).isEqualTo(new Handled("<xml>reply</xml>"));
        assertThat(window.get("wx:m:1", "oAnn", T0 + 5 + TTL - 1)).isEqualTo(new Handled("<xml>reply</xml>"));
        assertThat(window.get("wx:m:1", "oAnn", T0 + 5 + TTL)).isNull();
        assertThat(window.get("wx:m:2", "oAnn", T0 + 5)).as("never handled").isNull();
    }

    @Test
    void aKeyHandledWithoutAReplyIsTellableFromOneNeverHandled() {
        window.put("wx:m:1", null, "oAnn", T0);

        assertThat(window.get("wx:m:1", "oAnn", T0)).isEqualTo(new Handled(null));
    }

    @Test
    void aKeyHandledAgainAfterItsTtlAnswersItsNewReply() {
        window.put("wx:m:1", "first", "oAnn", T0);
        window.put("wx:m:1", "second", "oAnn", T0 + TTL);

        assertThat(window.get("wx:m:1", "oAnn", T0 + TTL)).isEqualTo(new Handled("second"));
        assertThat(window.get("wx:m:1", "oAnn", T0 + TTL + TTL / 2)).isEqualTo(new Handled("second"));
    }

    @Test
    void aGenerationIsDroppedWholeOnceEveryRecordInItExpired() {
        for (int i = 0; i < 100; i++) {
            window.put("old:" + i, "reply", "oAnn", T0 + i);
        }
        window.put("new:0", "reply", "oAnn", T0 + TTL);

        assertThat(window.size()).as("the old generation is kept while its last records live").isEqualTo(101);
        assertThat(window.get("old:99", "oAnn", T0 + TTL)).isEqualTo(new Handled("reply"));

        window.put("new:1", "reply", "oAnn", T0 + TTL + 99);

        assertThat(window.size()).isEqualTo(2);
        assertThat(window.get("old:99", "oAnn", T0 + TTL + 99)).isNull();
        assertThat(window.get("new:0", "oAnn", T0 + TTL + 99)).isEqualTo(new Handled("reply"));
    }

    @Test
    void manyKeysAreAllFoundAsTheTablesAndTheRecordsGrowInEveryShard() {
        HandledWindow window = new HandledWindow(TTL, T0, 8);
        for (int i = 0; i < 50_000; i++) {
            window.put("wx-sample-app:m:" + (24_000_000_000_000_000L + i), "reply " + i, "oUser" + i, T0 + i / 10);
        }

        for (int i = 0; i < 50_000; i++) {
            assertThat(window.get("wx-sample-app:m:" + (24_000_000_000_000_000L + i), "oUser" + i, T0 + 5_000))
                    .isEqualTo(new Handled("reply " + i));
        }
        assertThat(window.get("wx-sample-app:m:1", "oUser1", T0 + 5_000)).isNull();
    }

    @Test
    void aSteadyLoadGrowsNothingOnceAGenerationIsSizedByTheOneBefore() {
        long[] retained = new long[4];
        for (int generation = 0; generation < 4; generation++) {
            for (int i = 0; i < 10_000; i++) {
                window.put(generation + ":" + i, "reply", "oAnn", T0 + generation * TTL + i);
            }
            retained[generation] = window.retainedBytes();
        }

        assertThat(window.size()).as("the generation before has just expired whole").isEqualTo(10_000);
        assertThat(retained[3]).isEqualTo(retained[2]);
    }

    @Test
    void aReplyLargerThanAChunkGetsAChunkOfItsOwn() {
        String large = "<xml>" + "x".repeat(600_000) + "</xml>";
        window.put("wx:m:big", large, "oAnn", T0);
        window.put("wx:m:small", "small", "oAnn", T0);

        assertThat(window.get("wx:m:big", "oAnn", T0)).isEqualTo(new Handled(large));
        assertThat(window.get("wx:m:small", "oAnn", T0)).isEqualTo(new Handled("small"));
    }
}
