package io.github.wxsession.boot.callback;

import io.github.wxsession.api.WxApiType;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.callback.CallbackRejection.Reason;
import io.github.wxsession.boot.metrics.WxMetrics;
import io.github.wxsession.boot.routing.WxMessageRouters;
import io.github.wxsession.crypto.WxCryptError;
import io.github.wxsession.crypto.WxCryptException;
import io.github.wxsession.crypto.WxEncryptedEnvelope;
import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.crypto.WxSignatures;
import io.github.wxsession.message.WxMessageParseException;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.router.WxEarlyAnswer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The endpoint WeChat calls: GET to verify the URL, POST to deliver a message. Every request is
 * verified before anything else; one that fails never reaches a handler and is answered with a
 * status only (403 signature, 400 malformed, 413 too large), the reason going to the log.
 *
 * <p>Works on the servlet request and response directly: a message costs a signature check, one
 * parse (two in safe mode), the routing and one write, and no message converter or content
 * negotiation is involved, so the host application's own converters are neither used nor changed.
 */
@Controller
public class WxCallbackController {

    private static final Log LOG = LogFactory.getLog(WxCallbackController.class);
    private static final String TEXT_PLAIN = CallbackResponse.TEXT_PLAIN;
    private static final String APPLICATION_XML = "application/xml;charset=UTF-8";

    private final WxAccounts accounts;
    private final WxMessageRouters routers;
    private final int maxBodyBytes;
    private final long toleranceSeconds;
    private final Clock clock;
    private final WxMetrics metrics;

    /**
     * @param maxBodyBytes larger bodies are answered 413
     * @param timestampTolerance how far a signed timestamp may be from {@code clock}; zero: any
     */
    public WxCallbackController(WxAccounts accounts, WxMessageRouters routers, int maxBodyBytes,
            Duration timestampTolerance, Clock clock, WxMetrics metrics) {
        this.accounts = accounts;
        this.routers = routers;
        this.maxBodyBytes = maxBodyBytes;
        // Timestamps are whole seconds: a tolerance of part of one rounds up rather than to "no check".
        this.toleranceSeconds = (timestampTolerance.toMillis() + 999) / 1000;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The MVC configuration that keeps jackson-dataformat-xml from changing the application's other endpoints. */
    public static WebMvcConfigurer xmlConverterRemover() {
        return new XmlConverterRemover();
    }

    @GetMapping("${wx.callback.path:/wx/callback}")
    public void verify(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(new CallbackResponse(response), () -> verifyUrl(singleAccount(), request));
    }

    @GetMapping("${wx.callback.path:/wx/callback}/{appId}")
    public void verify(@PathVariable String appId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        answer(new CallbackResponse(response), () -> verifyUrl(account(appId), request));
    }

    @PostMapping("${wx.callback.path:/wx/callback}")
    public void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CallbackResponse callback = new CallbackResponse(response);
        answer(callback, () -> handle(singleAccount(), request, callback));
    }

    @PostMapping("${wx.callback.path:/wx/callback}/{appId}")
    public void receive(@PathVariable String appId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        CallbackResponse callback = new CallbackResponse(response);
        answer(callback, () -> handle(account(appId), request, callback));
    }

    /** The GET: Official Accounts echo {@code echostr}; WeCom decrypts it. */
    private Answer verifyUrl(WxAccount account, HttpServletRequest request) {
        String timestamp = required(request, "timestamp");
        String nonce = required(request, "nonce");
        String echostr = required(request, "echostr");
        if (account.type() == WxApiType.CP) {
            String decrypted = decrypt(account, required(request, "msg_signature"), timestamp, nonce, echostr);
            checkTimestamp(timestamp);
            return Answer.text(decrypted);
        }
        checkSignature(account, required(request, "signature"), timestamp, nonce);
        checkTimestamp(timestamp);
        return Answer.text(echostr);
    }

    /**
     * The POST: verify (signature, timestamp, encryption if required), decrypt if encrypted, route,
     * reply (encrypted if the request was). A handler still running at the reply deadline may have
     * the router answer {@code success} through {@code early} meanwhile.
     */
    private Answer handle(WxAccount account, HttpServletRequest request, WxEarlyAnswer early) throws IOException {
        String timestamp = required(request, "timestamp");
        String nonce = required(request, "nonce");
        boolean weCom = account.type() == WxApiType.CP;
        boolean encrypted = weCom || "aes".equalsIgnoreCase(request.getParameter("encrypt_type"));
        String msgSignature = encrypted ? required(request, "msg_signature") : null;
        if (!weCom) {
            // Official Accounts sign every POST with the plain signature, in every mode.
            checkSignature(account, required(request, "signature"), timestamp, nonce);
            checkTimestamp(timestamp);
            if (!encrypted && account.settings().requireEncryption()) {
                // The plain signature never covers the body: only msg_signature vouches for the message.
                throw new CallbackRejection(Reason.ENCRYPTION_REQUIRED, "a plaintext POST for account '"
                        + account.name() + "', which requires encryption (require-encryption): not safe mode, or a"
                        + " forged request");
            }
        }
        // WeCom is authenticated only by the msg_signature over the body: until it is checked, the
        // declared length is the client's word, so the buffer grows with what actually arrives.
        byte[] body = readBody(request, !weCom);
        WxXmlMessage message;
        if (encrypted) {
            String plaintext = decrypt(account, msgSignature, timestamp, nonce, ciphertext(body));
            if (weCom) {
                checkTimestamp(timestamp);
            }
            message = parse(() -> WxXmlMessage.fromXml(plaintext));
        } else {
            message = parse(() -> WxXmlMessage.fromXml(body));
        }
        metrics.received(account.name(), message);
        String reply = route(account, message, early);
        metrics.answered(account.name(), reply != null);
        if (reply == null) {
            return Answer.SUCCESS;
        }
        return Answer.xml(encrypted ? crypt(account).encryptReply(reply, nonce).toXml() : reply);
    }

    /** The envelope's ciphertext: found by a scan when WeChat's usual shape, else by parsing it. */
    private static String ciphertext(byte[] envelope) {
        String encrypt = WxEncryptedEnvelope.ciphertextOf(envelope);
        if (encrypt == null) {
            encrypt = parse(() -> WxXmlMessage.fromXml(envelope)).getEncrypt();
        }
        if (encrypt == null) {
            throw new CallbackRejection(Reason.NOT_ENCRYPTED, "encrypted request without an <Encrypt> element");
        }
        return encrypt;
    }

    /** Routes; a failure answers with the status {@link RoutingFailures} gives its type. */
    private String route(WxAccount account, WxXmlMessage message, WxEarlyAnswer early) {
        try {
            return routers.forAccount(account).routeToXml(message, new HashMap<>(), early);
        } catch (RuntimeException e) {
            CallbackRejection rejection = RoutingFailures.rejectionFor(e);
            if (rejection == null) {
                throw e;
            }
            throw rejection;
        }
    }

    private void checkSignature(WxAccount account, String signature, String timestamp, String nonce) {
        String expected = WxSignatures.sortedSha1(account.settings().token(), timestamp, nonce);
        if (!WxSignatures.matches(expected, signature)) {
            throw new CallbackRejection(Reason.SIGNATURE, "signature does not match the token");
        }
    }

    /** Refuses a signed timestamp outside the tolerance: an old request replayed, or a clock that is off. */
    private void checkTimestamp(String timestamp) {
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

    private static String decrypt(WxAccount account, String msgSignature, String timestamp, String nonce,
            String ciphertext) {
        try {
            return crypt(account).decryptMessage(msgSignature, timestamp, nonce, ciphertext);
        } catch (WxCryptException e) {
            Reason reason = e.error() == WxCryptError.VALIDATE_SIGNATURE ? Reason.SIGNATURE
                    : e.error() == WxCryptError.VALIDATE_APPID ? Reason.APP_ID : Reason.CIPHERTEXT;
            throw new CallbackRejection(reason, e.getMessage(), e);
        }
    }

    private static WxMessageCrypt crypt(WxAccount account) {
        WxMessageCrypt crypt = account.crypt();
        if (crypt == null) {
            throw new CallbackRejection(Reason.NOT_ENCRYPTED, "encrypted request for account '" + account.name()
                    + "', which has no EncodingAESKey; set " + account.settings().property("aes-key"));
        }
        return crypt;
    }

    private static WxXmlMessage parse(Supplier<WxXmlMessage> parser) {
        try {
            return parser.get();
        } catch (WxMessageParseException e) {
            Reason reason = e.getReason() == WxMessageParseException.Reason.TOO_LARGE ? Reason.TOO_LARGE
                    : Reason.MALFORMED_XML;
            throw new CallbackRejection(reason, e.getMessage(), e);
        }
    }

    /**
     * The body. For an authenticated request, in a buffer of its declared length:
     * {@code readNBytes(max)} would allocate buffers for the 1 MB limit on every request, which was
     * a third of the callback's garbage. Otherwise in a buffer that grows as bytes arrive, so a
     * client cannot make us allocate what it does not send.
     */
    private byte[] readBody(HttpServletRequest request, boolean authenticated) throws IOException {
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

    private static String required(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty()) {
            Reason reason = name.endsWith("signature") ? Reason.SIGNATURE : Reason.MISSING_PARAMETER;
            throw new CallbackRejection(reason, "query parameter " + name + " is missing");
        }
        return value;
    }

    private WxAccount singleAccount() {
        if (accounts.all().size() != 1) {
            throw new CallbackRejection(Reason.UNKNOWN_ACCOUNT,
                    "several accounts are configured; each is served at <wx.callback.path>/<app-id>");
        }
        return accounts.single();
    }

    private WxAccount account(String appId) {
        WxAccount account = accounts.findByAppId(appId);
        if (account == null) {
            throw new CallbackRejection(Reason.UNKNOWN_ACCOUNT, "no account has app id " + appId);
        }
        return account;
    }

    private void answer(CallbackResponse response, AnswerSupplier work) throws IOException {
        Answer answer;
        try {
            answer = work.get();
        } catch (CallbackRejection rejection) {
            log(rejection);
            metrics.rejected(rejection.reason().tag());
            answer = Answer.status(rejection.reason());
        }
        response.answer(answer.status, answer.contentType, answer.body);
    }

    /**
     * One line per refused request; for a server-side failure it names the cause, whose stack
     * trace goes to DEBUG (an outage would otherwise print a trace per callback).
     */
    private static void log(CallbackRejection rejection) {
        String text = "WeChat callback answered " + rejection.reason().status() + " (" + rejection.reason().tag()
                + "): " + rejection.getMessage();
        if (rejection.reason().status() >= 500) {
            Throwable cause = rejection.getCause();
            LOG.warn(cause == null ? text : text + "; cause: " + rootCause(cause));
            if (cause != null && LOG.isDebugEnabled()) {
                LOG.debug("cause of the " + rejection.reason().status() + " above", cause);
            }
        } else if (LOG.isInfoEnabled()) {
            LOG.info(text);
        }
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? failure.toString() : failure + " (root: " + root + ")";
    }

    @FunctionalInterface
    private interface AnswerSupplier {
        Answer get() throws IOException;
    }

    /** Status, type and bytes of a callback response. */
    private record Answer(int status, String contentType, byte[] body) {

        static final Answer SUCCESS = new Answer(200, TEXT_PLAIN, CallbackResponse.SUCCESS);

        static Answer text(String body) {
            return new Answer(200, TEXT_PLAIN, body.getBytes(StandardCharsets.UTF_8));
        }

        static Answer xml(String body) {
            return new Answer(200, APPLICATION_XML, body.getBytes(StandardCharsets.UTF_8));
        }

        static Answer status(Reason reason) {
            return new Answer(reason.status(), TEXT_PLAIN,
                    reason.tag().getBytes(StandardCharsets.US_ASCII));
        }
    }
}
