package io.github.wxsession.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class WxMessageCryptTest {

    private static final String TOKEN = "pamtest";
    private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final String APP_ID = "wxb11529c136998cb6";

    private final WxMessageCrypt crypt = WxMessageCrypt.of(TOKEN, KEY, APP_ID);

    @Test
    void randomTextsRoundTrip() {
        Random random = new Random(20240418);
        for (int i = 0; i < 200; i++) {
            String text = randomText(random, random.nextInt(300));
            assertThat(crypt.decrypt(crypt.encrypt(text))).isEqualTo(text);
        }
    }

    @Test
    void emptyMessageRoundTrips() {
        assertThat(crypt.decrypt(crypt.encrypt(""))).isEmpty();
    }

    @Test
    void lengthFieldCountsUtf8BytesNotChars() {
        String text = "你好，世界 👋";
        byte[] frame = new ReferenceAes(KEY).decrypt(crypt.encrypt(text));

        int declared = (frame[16] & 0xff) << 24 | (frame[17] & 0xff) << 16 | (frame[18] & 0xff) << 8 | (frame[19] & 0xff);
        assertThat(declared).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length).isNotEqualTo(text.length());
    }

    @Test
    void alignedMessageGetsAWholeBlockOfPadding() {
        // 16 random + 4 length + 58 message + 18 app id = 96 bytes, already a multiple of 32.
        String text = "x".repeat(96 - 16 - 4 - APP_ID.length());
        String ciphertext = crypt.encrypt(text);
        byte[] frame = new ReferenceAes(KEY).decrypt(ciphertext);

        assertThat(frame).hasSize(96 + 32);
        assertThat(Arrays.copyOfRange(frame, 96, 128)).containsOnly((byte) 32);
        assertThat(crypt.decrypt(ciphertext)).isEqualTo(text);
    }

    @Test
    void keyOfAllAsDecodesToZeroBytesAndWorks() {
        String allA = "A".repeat(43);
        WxMessageCrypt zeroKey = WxMessageCrypt.of("AAAAA", allA, "wxba5fad812f8e6fb9");

        assertThat(zeroKey.decrypt(zeroKey.encrypt("零"))).isEqualTo("零");
        // Independently encrypted with AES under 32 zero bytes, so the key really is all zeros.
        String forged = new ReferenceAes(allA).encrypt(ReferenceAes.pad(
                ReferenceAes.frame(3, "零".getBytes(StandardCharsets.UTF_8), "wxba5fad812f8e6fb9")));
        assertThat(zeroKey.decrypt(forged)).isEqualTo("零");
    }

    @Test
    void genuineReplacementCharacterIsNotMistakenForBadUtf8() {
        String text = "before \uFFFD after";
        assertThat(crypt.decrypt(crypt.encrypt(text))).isEqualTo(text);
    }

    @Test
    void weComBotWithEmptyReceiveIdRoundTrips() {
        WxMessageCrypt bot = WxMessageCrypt.of(TOKEN, KEY, "");

        String ciphertext = bot.encrypt("hello bot");
        assertThat(bot.decrypt(ciphertext)).isEqualTo("hello bot");
        assertThat(new ReferenceAes(KEY).decrypt(ciphertext)).hasSize(32);
    }

    @Test
    void defaultRandomGivesEveryEncryptionItsOwnCiphertext() {
        String first = crypt.encrypt("same text");
        String second = crypt.encrypt("same text");

        assertThat(first).isNotEqualTo(second);
        assertThat(crypt.decrypt(first)).isEqualTo(crypt.decrypt(second)).isEqualTo("same text");
    }

    @Test
    void fixedRandomEncryptsDeterministicallyAcrossCalls() {
        // Pooled ciphers are reused after doFinal; the second call must not continue the first's CBC chain.
        WxMessageCrypt fixed = WxMessageCrypt.builder(TOKEN, KEY, APP_ID).random(new FixedRandom("aaaabbbbccccdddd")).build();

        assertThat(fixed.encrypt("我是中文abcd123")).isEqualTo(fixed.encrypt("我是中文abcd123"))
                .isEqualTo("jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==");
    }

    @Test
    void signedMessageRoundTripsThroughDecryptMessage() {
        WxEncryptedReply envelope = crypt.encryptReply("<xml>hi</xml>", "1409304348", "xxxxxx");

        assertThat(crypt.decryptMessage(envelope.msgSignature(), envelope.timestamp(), envelope.nonce(),
                envelope.encrypt())).isEqualTo("<xml>hi</xml>");
    }

    @Test
    void replyIsTimestampedByTheInjectedClock() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1713424427L, 999_000_000), ZoneOffset.UTC);
        WxMessageCrypt clocked = WxMessageCrypt.builder("AAAAA", "A".repeat(43), "wxba5fad812f8e6fb9")
                .random(new FixedRandom("707722b803182950"))
                .clock(clock)
                .build();

        WxEncryptedReply envelope = clocked.encryptReply("{\"demo_resp\":\"good luck\"}", "415670741");

        assertThat(envelope.timestamp()).isEqualTo("1713424427");
        assertThat(envelope.msgSignature()).isEqualTo("1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1");
    }

    @Test
    void concurrentCallersGetTheirOwnResults() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String prefix = "thread " + t + " 消息 ";
                Callable<Boolean> task = () -> {
                    start.await();
                    for (int i = 0; i < 300; i++) {
                        String text = prefix + i;
                        if (!crypt.decrypt(crypt.encrypt(text)).equals(text)) {
                            return false;
                        }
                    }
                    return true;
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void toStringNamesTheAccountButNotItsSecrets() {
        assertThat(crypt.toString()).contains(APP_ID).doesNotContain(TOKEN).doesNotContain(KEY);
        assertThat(crypt.receiveId()).isEqualTo(APP_ID);
    }

    @Test
    void emptyTokenIsRejectedAtConstruction() {
        assertThatIllegalArgumentException().isThrownBy(() -> WxMessageCrypt.of("", KEY, APP_ID))
                .withMessageContaining("token is empty");
    }

    @Test
    void missingReceiveIdIsRejectedAtConstruction() {
        assertThatNullPointerException().isThrownBy(() -> WxMessageCrypt.of(TOKEN, KEY, null))
                .withMessageContaining("receiveId");
    }

    private static String randomText(Random random, int length) {
        // ASCII, XML syntax, CJK, and a supplementary character that UTF-8 encodes in 4 bytes.
        String[] pieces = {"a", "Z", "7", " ", "<", "]]>", "\n", "中", "文", "é", "😀"};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }
}
