package io.github.wxsession.benchmarks;

import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.router.InMemoryWxMessageGate;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.Arrays;

/**
 * Retained heap per handled message in memory mode's de-duplication window (issue 16): 100,000
 * messages of the game's senders handled through an {@link InMemoryWxMessageGate}, each with a
 * text reply like the game's, measured as the growth of the live heap after full collections. The
 * keys and replies are made beforehand and handed over as copies, as a request's own would be, so
 * what the gate keeps of them counts and the rest does not. Five rounds; the median is printed.
 *
 * <p>Run: {@code java -cp wx-session-benchmarks/target/benchmarks.jar io.github.wxsession.benchmarks.DedupFootprint}
 */
public final class DedupFootprint {

    private static final int MESSAGES = 100_000;
    private static final int ROUNDS = 5;

    private DedupFootprint() {
    }

    public static void main(String[] args) {
        String[] keys = new String[MESSAGES];
        String[] senders = new String[MESSAGES];
        String[] replies = new String[MESSAGES];
        for (int i = 0; i < MESSAGES; i++) {
            senders[i] = "oUser" + String.format("%023d", i % 10_000);
            long msgId = 24_000_000_000_000_000L + i;
            keys[i] = "wx-sample-app:m:" + msgId;
            WxXmlMessage inbound = WxXmlMessage.fromXml("<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>"
                    + "<FromUserName><![CDATA[" + senders[i] + "]]></FromUserName><CreateTime>1700000000</CreateTime>"
                    + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[50]]></Content><MsgId>" + msgId
                    + "</MsgId></xml>");
            replies[i] = WxXmlOutMessage.replyTo(inbound).createTime(1_700_000_000L + i)
                    .text("Lower than 50. " + (i % 7) + " tries left.").toXml();
        }
        double[] results = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long before = liveHeap();
            InMemoryWxMessageGate gate = new InMemoryWxMessageGate();
            for (int i = 0; i < MESSAGES; i++) {
                // Copies: a request's key and reply are its own, kept (or not) by the gate alone.
                gate.begin(copy(keys[i]), senders[i]).delivery().complete(copy(replies[i]));
            }
            long after = liveHeap();
            Reference.reachabilityFence(gate);
            results[round] = (after - before) / (double) MESSAGES;
        }
        Arrays.sort(results);
        System.out.printf("InMemoryWxMessageGate: %.1f bytes per handled message (reply of %d characters)%n",
                results[ROUNDS / 2], replies[0].length());
    }

    /** A string of its own characters ({@code new String(String)} shares them). */
    private static String copy(String text) {
        return new String(text.toCharArray());
    }

    private static long liveHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
