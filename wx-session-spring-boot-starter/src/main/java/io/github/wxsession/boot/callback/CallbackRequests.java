package io.github.wxsession.boot.callback;

import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.callback.CallbackRejection.Reason;
import io.github.wxsession.boot.observation.WxObservations;
import io.github.wxsession.boot.routing.WxMessageRouters;
import io.github.wxsession.crypto.WxCryptError;
import io.github.wxsession.crypto.WxCryptException;
import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.crypto.WxSignatures;
import io.github.wxsession.message.WxMessageParseException;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.router.WxEarlyAnswer;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The checks and steps every channel's callback shares: query parameters, signatures, the
 * signed timestamp, decryption, reading and parsing the body, and routing with its failures as
 * statuses. Each refusal is a {@link CallbackRejection}.
 */
final class CallbackRequests {

    private final WxMessageRouters routers;
    private final int maxBodyBytes;
    private final long toleranceSeconds;
    private final Clock clock;
    private final WxObservations observations;

    CallbackRequests(WxMessageRouters routers, int maxBodyBytes, Duration timestampTolerance, Clock clock,
            WxObservations observations) {
        this.routers = routers;
        this.maxBodyBytes = maxBodyBytes;
        // Timestamps are whole seconds: a tolerance of part of one rounds up rather than to "no check".
        this.toleranceSeconds = (timestampTolerance.toMillis() + 999) / 1000;
        this.clock = clock;
        this.observations = observations;
    }

    /** Routes; a failure answers with the status {@link RoutingFailures} gives its type. */
    @Nullable String route(WxAccount account, WxXmlMessage message, Map<String, Object> context, WxEarlyAnswer early) {
        read(account, message);
        try {
            return routers.forAccount(account).routeToXml(message, context, early);
        } catch (RuntimeException e) {
            CallbackRejection rejection = RoutingFailures.rejectionFor(e);
            if (rejection == null) {
                throw e;
            }
            throw rejection;
        }
    }

    /** Tells the callback's observation which account and message it carries, once verified and read. */
    void read(WxAccount account, WxXmlMessage message) {
        observations.message(account.name(), message);
    }

    /**
     * WeCom's URL check (its apps and its AI bot): the {@code msg_signature} over the encrypted
     * {@code echostr}, answered with it decrypted, as plain text.
     */
    CallbackAnswer decryptEchostr(WxAccount account, HttpServletRequest request) {
        String timestamp = required(request, "timestamp");
        String nonce = required(request, "nonce");
        String echostr = required(request, "echostr");
        String decrypted = decrypt(account, required(request, "msg_signature"), timestamp, nonce, echostr);
        checkTimestamp(timestamp);
        return CallbackAnswer.text(decrypted);
    }

    /** The plain 3-value {@code signature} over token, timestamp and nonce. */
    void checkSignature(WxAccount account, String signature, String timestamp, String nonce) {
        String expected = WxSignatures.sortedSha1(account.settings().token(), timestamp, nonce);
        if (!WxSignatures.matches(expected, signature)) {
            throw new CallbackRejection(Reason.SIGNATURE, "signature does not match the token");
        }
    }

    /** Refuses a signed timestamp outside the tolerance: an old request replayed, or a clock that is off. */
    void checkTimestamp(String timestamp) {
        if (toleranceSeconds <= 0) {
            return;
        }
        long signed;
        try {
            signed = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new CallbackRejection(Reason.TIMESTAMP, "timestamp '" + timestamp + "' is not a number of seconds");
        }
        long behind = clock.millis() / 1000 - signed;
        if (Math.abs(behind) > toleranceSeconds) {
            throw new CallbackRejection(Reason.TIMESTAMP, "the signed timestamp is " + Math.abs(behind) + " s "
                    + (behind > 0 ? "behind" : "ahead of") + " this server's clock, more than"
                    + " wx.callback.timestamp-tolerance (" + toleranceSeconds + " s): a replayed request, or a"
                    + " server clock that is off (check NTP)");
        }
    }

    /** Verifies the {@code msg_signature} over the ciphertext and decrypts it. */
    static String decrypt(WxAccount account, String msgSignature, String timestamp, String nonce, String ciphertext) {
        try {
            return crypt(account).decryptMessage(msgSignature, timestamp, nonce, ciphertext);
        } catch (WxCryptException e) {
            Reason reason = e.error() == WxCryptError.VALIDATE_SIGNATURE ? Reason.SIGNATURE
                    : e.error() == WxCryptError.VALIDATE_APPID ? Reason.APP_ID : Reason.CIPHERTEXT;
            throw new CallbackRejection(reason, e.getMessage(), e);
        }
    }

    static WxMessageCrypt crypt(WxAccount account) {
        WxMessageCrypt crypt = account.crypt();
        if (crypt == null) {
            throw new CallbackRejection(Reason.NOT_ENCRYPTED, "encrypted request for account '" + account.name()
                    + "', which has no EncodingAESKey; set " + account.settings().property("aes-key"));
        }
        return crypt;
    }

    /** Runs a parser; a refused body answers 413 (too large) or 400. */
    static WxXmlMessage parse(Supplier<WxXmlMessage> parser) {
        try {
            return parser.get();
        } catch (WxMessageParseException e) {
            Reason reason = e.getReason() == WxMessageParseException.Reason.TOO_LARGE ? Reason.TOO_LARGE
                    : Reason.MALFORMED_XML;
            throw new CallbackRejection(reason, e.getMessage(), e);
        }
    }

    /** A ciphertext envelope the crypto refused to read, as a 400. */
    static String envelope(Supplier<String> ciphertext) {
        try {
            return ciphertext.get();
        } catch (WxCryptException e) {
            throw new CallbackRejection(Reason.MALFORMED_XML, e.getMessage(), e);
        }
    }

    /**
     * The body. For an authenticated request, in a buffer of its declared length:
     * {@code readNBytes(max)} would allocate buffers for the 1 MB limit on every request, which was
     * a third of the callback's garbage. Otherwise in a buffer that grows as bytes arrive, so a
     * client cannot make us allocate what it does not send.
     */
    byte[] readBody(HttpServletRequest request, boolean authenticated) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw new CallbackRejection(Reason.TOO_LARGE, "declared body of " + declared + " bytes exceeds "
                    + maxBodyBytes + " (wx.callback.max-body-size)");
        }
        try (InputStream in = request.getInputStream()) {
            if (declared >= 0 && authenticated) {
                byte[] body = new byte[(int) declared];
                int read = in.readNBytes(body, 0, body.length);
                return read == body.length ? body : Arrays.copyOf(body, read);
            }
            return readChunked(in);
        }
    }

    /** A body read as it arrives, up to the limit. */
    private byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
        byte[] buffer = new byte[1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (body.size() + n > maxBodyBytes) {
                throw new CallbackRejection(Reason.TOO_LARGE, "body exceeds " + maxBodyBytes
                        + " bytes (wx.callback.max-body-size)");
            }
            body.write(buffer, 0, n);
        }
        return body.toByteArray();
    }

    static String required(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty()) {
            Reason reason = name.endsWith("signature") ? Reason.SIGNATURE : Reason.MISSING_PARAMETER;
            throw new CallbackRejection(reason, "query parameter " + name + " is missing");
        }
        return value;
    }
}
