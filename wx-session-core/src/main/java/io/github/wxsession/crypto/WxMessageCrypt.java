package io.github.wxsession.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * One account's callback crypto, compatible with Tencent's WXBizMsgCrypt: signature checks,
 * AES decryption of incoming messages and encryption of replies, for Official Accounts
 * (compatible and safe mode) and WeCom.
 *
 * <p>Built once per account from its token, EncodingAESKey and receiveId (the Official Account's
 * app id, the WeCom corp id or suite id, or {@code ""} for WeCom bots); a bad key fails there, not
 * at the first message. Immutable and safe to share between threads.
 *
 * <pre>{@code
 * WxMessageCrypt crypt = WxMessageCrypt.of(token, encodingAesKey, appId);
 * String xml = crypt.decryptMessage(msgSignature, timestamp, nonce, encryptElement);
 * String body = crypt.encryptReply(replyXml, nonce).toXml();
 * }</pre>
 */
public final class WxMessageCrypt {

    private static final Base64.Encoder BASE64_ENCODER = Base64.getEncoder();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();
    private static final int MAX_QUOTED_RECEIVE_ID = 64;

    private final String token;
    private final String receiveId;
    private final byte[] receiveIdBytes;
    private final AesCbcCipher aes;
    /** The builder's random source; {@code null} for the default, drawn through {@link #prefixes}. */
    private final @Nullable RandomGenerator random;
    private final @Nullable RandomPrefixes prefixes;
    private final Clock clock;
    private final Predicate<? super String> alsoAcceptedReceiveIds;

    private WxMessageCrypt(Builder builder) {
        this.token = Objects.requireNonNull(builder.token, "token");
        if (token.isEmpty()) {
            throw new IllegalArgumentException("the token is empty; use the token configured in the WeChat admin console");
        }
        this.receiveId = Objects.requireNonNull(builder.receiveId,
                "receiveId (the app id or corp id; \"\" for WeCom bots)");
        this.receiveIdBytes = receiveId.getBytes(StandardCharsets.UTF_8);
        this.aes = AesCbcCipher.fromEncodingAesKey(builder.encodingAesKey);
        this.random = builder.random;
        this.prefixes = random == null ? new RandomPrefixes(new SecureRandom()) : null;
        this.clock = builder.clock;
        this.alsoAcceptedReceiveIds = builder.alsoAcceptedReceiveIds;
    }

    /**
     * The crypto of an account with default settings: a {@link SecureRandom}, the system clock
     * and only {@code receiveId} accepted on decryption.
     *
     * @throws WxCryptException {@link WxCryptError#ILLEGAL_AES_KEY} if the key is not 43
     *         characters of {@code [A-Za-z0-9]}
     */
    public static WxMessageCrypt of(String token, String encodingAesKey, String receiveId) {
        return builder(token, encodingAesKey, receiveId).build();
    }

    /** A builder for the crypto of an account, to change the clock or the receiveId check. */
    public static Builder builder(String token, String encodingAesKey, String receiveId) {
        return new Builder(token, encodingAesKey, receiveId);
    }

    /** The receiveId written into encrypted replies and expected in incoming messages. */
    public String receiveId() {
        return receiveId;
    }

    /**
     * Checks the plain 3-field {@code signature} (token, timestamp, nonce) that comes with an
     * Official Account's URL verification and with every POST. The comparison takes constant time.
     *
     * @throws WxCryptException {@link WxCryptError#VALIDATE_SIGNATURE} if a value is missing or
     *         the signature does not match
     */
    public void verifySignature(@Nullable String signature, @Nullable String timestamp, @Nullable String nonce) {
        requireParameter(signature, "signature");
        requireParameter(timestamp, "timestamp");
        requireParameter(nonce, "nonce");
        if (!WxSignatures.matches(WxSignatures.sortedSha1(token, timestamp, nonce), signature)) {
            throw new WxCryptException(WxCryptError.VALIDATE_SIGNATURE,
                    "the signature does not match the token, timestamp and nonce");
        }
    }

    /**
     * Verifies the {@code msg_signature} of an encrypted message and decrypts it.
     *
     * @param encrypt the text of the body's {@code <Encrypt>} element
     * @return the decrypted message, usually the plaintext XML
     * @throws WxCryptException {@link WxCryptError#VALIDATE_SIGNATURE} if the signature does not
     *         match, or any failure of {@link #decrypt(String)}
     */
    public String decryptMessage(@Nullable String msgSignature, @Nullable String timestamp, @Nullable String nonce,
            @Nullable String encrypt) {
        requireParameter(msgSignature, "msg_signature");
        requireParameter(timestamp, "timestamp");
        requireParameter(nonce, "nonce");
        requireParameter(encrypt, "Encrypt");
        if (!WxSignatures.matches(WxSignatures.sortedSha1(token, timestamp, nonce, encrypt), msgSignature)) {
            throw new WxCryptException(WxCryptError.VALIDATE_SIGNATURE,
                    "the msg_signature does not match the token, timestamp, nonce and ciphertext");
        }
        return decrypt(encrypt);
    }

    /**
     * WeCom URL verification: verifies the {@code msg_signature} over the encrypted
     * {@code echostr} and decrypts it. The result is the whole response body, sent as
     * {@code text/plain} without quotes, BOM or line break.
     *
     * @param echostr the {@code echostr} query parameter, already URL-decoded once
     * @throws WxCryptException as {@link #decryptMessage}
     */
    public String verifyUrl(@Nullable String msgSignature, @Nullable String timestamp, @Nullable String nonce,
            @Nullable String echostr) {
        return decryptMessage(msgSignature, timestamp, nonce, echostr);
    }

    /**
     * Encrypts a message for this account: a fresh random prefix, the message's UTF-8 byte
     * length, the message and the receiveId, padded and AES-encrypted.
     *
     * @return the Base64 ciphertext
     */
    public String encrypt(String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] random16 = new byte[MessageFrame.RANDOM_LENGTH];
        if (prefixes != null) {
            prefixes.next(random16);
        } else {
            random.nextBytes(random16);
        }
        byte[] frame = MessageFrame.seal(random16, plaintext.getBytes(StandardCharsets.UTF_8), receiveIdBytes);
        aes.encrypt(frame);
        return BASE64_ENCODER.encodeToString(frame);
    }

    /**
     * Decrypts a Base64 ciphertext without checking a signature; {@link #decryptMessage} is the
     * call for requests.
     *
     * @throws WxCryptException {@link WxCryptError#DECODE_BASE64} if it is not Base64,
     *         {@link WxCryptError#DECRYPT_AES} if it is not a whole number of 32-byte blocks or
     *         the padding is wrong (wrong key, damaged ciphertext),
     *         {@link WxCryptError#ILLEGAL_BUFFER} if the length field is wrong or the message is
     *         not valid UTF-8, {@link WxCryptError#VALIDATE_APPID} if the message names another
     *         receiveId
     */
    public String decrypt(@Nullable String ciphertext) {
        byte[] buffer = decodeBase64(ciphertext);
        if (buffer.length == 0 || buffer.length % MessageFrame.BLOCK_SIZE != 0) {
            throw new WxCryptException(WxCryptError.DECRYPT_AES, "the ciphertext has " + buffer.length
                    + " bytes, not a positive multiple of " + MessageFrame.BLOCK_SIZE);
        }
        aes.decrypt(buffer);
        MessageFrame frame = MessageFrame.open(buffer);
        checkReceiveId(frame);
        return frame.message();
    }

    /**
     * Encrypts a passive reply and signs it, timestamped now by this crypto's clock.
     *
     * @param nonce any nonce; echoing the request's is customary
     */
    public WxEncryptedReply encryptReply(String plaintext, String nonce) {
        return encryptReply(plaintext, Long.toString(Math.floorDiv(clock.millis(), 1000L)), nonce);
    }

    /**
     * Encrypts a passive reply and signs it with the given timestamp and nonce.
     *
     * @param timestamp seconds since the epoch
     * @throws WxCryptException {@link WxCryptError#GEN_RETURN_XML} if the timestamp is not digits
     *         or the nonce contains {@code ]]>}
     */
    public WxEncryptedReply encryptReply(String plaintext, String timestamp, String nonce) {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(nonce, "nonce");
        String encrypt = encrypt(plaintext);
        return new WxEncryptedReply(encrypt, WxSignatures.sortedSha1(token, timestamp, nonce, encrypt),
                timestamp, nonce);
    }

    private static void requireParameter(@Nullable String value, String name) {
        if (value == null) {
            throw new WxCryptException(WxCryptError.VALIDATE_SIGNATURE, "the request has no " + name);
        }
    }

    private static byte[] decodeBase64(@Nullable String ciphertext) {
        if (ciphertext == null) {
            throw new WxCryptException(WxCryptError.DECODE_BASE64, "the ciphertext is missing");
        }
        try {
            return BASE64_DECODER.decode(ciphertext);
        } catch (IllegalArgumentException e) {
            String hint = ciphertext.indexOf(' ') >= 0 ? " (a space: was a '+' URL-decoded twice?)" : "";
            throw new WxCryptException(WxCryptError.DECODE_BASE64, "the ciphertext is not valid Base64" + hint, e);
        }
    }

    private void checkReceiveId(MessageFrame frame) {
        if (frame.hasReceiveId(receiveIdBytes)) {
            return;
        }
        String found = frame.receiveId();
        if (!alsoAcceptedReceiveIds.test(found)) {
            throw new WxCryptException(WxCryptError.VALIDATE_APPID, "the message is for receiveId "
                    + quoted(found) + ", not this account's \"" + receiveId + "\"");
        }
    }

    // The receiveId comes out of a signed message, yet keep hostile bytes out of logs.
    private static String quoted(String id) {
        boolean printable = id.length() <= MAX_QUOTED_RECEIVE_ID && id.chars().allMatch(c -> c > ' ' && c < 0x7f);
        return printable ? '"' + id + '"' : "of " + id.length() + " unprintable characters";
    }

    /** Says which account this is, never its token or key. */
    @Override
    public String toString() {
        return "WxMessageCrypt[receiveId=" + receiveId + "]";
    }

    /** Optional settings of a {@link WxMessageCrypt}; the defaults suit production. */
    public static final class Builder {

        private final String token;
        private final String encodingAesKey;
        private final String receiveId;
        private RandomGenerator random;
        private Clock clock = Clock.systemUTC();
        private Predicate<? super String> alsoAcceptedReceiveIds = id -> false;

        private Builder(String token, String encodingAesKey, String receiveId) {
            this.token = token;
            this.encodingAesKey = encodingAesKey;
            this.receiveId = receiveId;
        }

        /**
         * The source of the 16 random bytes that start every encrypted frame, asked once per frame.
         * By default a new {@link SecureRandom}, asked for 4 KiB at a time and handed out in
         * slices, each once. Same-package tests fix it to reproduce published ciphertexts; an
         * application never should, so it is not public. It must be safe for
         * concurrent use if the crypto is shared.
         */
        Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** The clock that timestamps replies; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Also accepts decrypted messages whose receiveId passes {@code accepted}, besides the
         * account's own. For endpoints that legitimately receive several, e.g. a WeCom
         * third-party app's data callback (one corp id per authorising company). Strict by default.
         */
        public Builder alsoAcceptReceiveIds(Predicate<? super String> accepted) {
            this.alsoAcceptedReceiveIds = Objects.requireNonNull(accepted, "accepted");
            return this;
        }

        /**
         * @throws WxCryptException {@link WxCryptError#ILLEGAL_AES_KEY} if the key is not 43
         *         characters of {@code [A-Za-z0-9]}
         * @throws IllegalArgumentException if the token is empty
         */
        public WxMessageCrypt build() {
            return new WxMessageCrypt(this);
        }
    }
}
