package io.github.wxsession.boot.callback;

import static io.github.wxsession.boot.callback.CallbackRequests.required;

import io.github.wxsession.aibot.WxAibotAnswers;
import io.github.wxsession.aibot.WxStream;
import io.github.wxsession.aibot.WxStreams;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.callback.CallbackRejection.Reason;
import io.github.wxsession.boot.metrics.WxMetrics;
import io.github.wxsession.crypto.WxJsonEnvelope;
import io.github.wxsession.message.WxJsonMessageParser;
import io.github.wxsession.message.WxXmlMessage;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The WeCom AI bot: encrypted JSON callbacks ({@code {"encrypt":…}}, receiveid {@code ""}),
 * answered with encrypted JSON ({@link WxJsonEnvelope#AIBOT}) or the empty body.
 *
 * <ul>
 * <li>GET: the {@code msg_signature} over the encrypted {@code echostr}, answered with it
 *     decrypted, as {@code text/plain}.
 * <li>A refresh ({@code msgtype} {@code stream}) is answered from the stream store at once; it
 *     never reaches the router, so it is neither de-duplicated nor held behind the user's turn.
 * <li>Any other callback is routed like an XML message (exactly once per {@code msgid}, one
 *     message of a user at a time, the sender's session) and answered by {@link WxAibotAnswers}.
 *     Its stream is announced early, while the handler goes on, when the handler first writes to
 *     its {@link WxStream}, or at the reply deadline; a retry that finds the message still being
 *     handled is answered with that stream as it stands (503 if none was announced yet).
 * </ul>
 */
final class AibotCallbacks implements CallbackChannel {

    private static final System.Logger LOG = System.getLogger(AibotCallbacks.class.getName());

    private final CallbackRequests requests;
    private final WxMetrics metrics;
    private final WxStreams streams;

    AibotCallbacks(CallbackRequests requests, WxMetrics metrics, WxStreams streams) {
        this.requests = requests;
        this.metrics = metrics;
        this.streams = streams;
    }

    @Override
    public CallbackAnswer verify(WxAccount account, HttpServletRequest request) {
        return requests.decryptEchostr(account, request);
    }

    @Override
    public CallbackAnswer receive(WxAccount account, HttpServletRequest request, CallbackResponse response)
            throws IOException {
        String timestamp = required(request, "timestamp");
        String nonce = required(request, "nonce");
        String msgSignature = required(request, "msg_signature");
        // Authenticated only by the msg_signature over the body: read what actually arrives.
        byte[] body = requests.readBody(request, false);
        String ciphertext = CallbackRequests.envelope(() -> WxJsonEnvelope.AIBOT.ciphertextOf(body));
        String plaintext = CallbackRequests.decrypt(account, msgSignature, timestamp, nonce, ciphertext);
        requests.checkTimestamp(timestamp);
        WxXmlMessage message = CallbackRequests.parse(() -> WxJsonMessageParser.defaults().parseAibot(plaintext));
        WxAibotAnswers answers = new WxAibotAnswers(account.appId(), streams);
        if (WxAibotAnswers.isRefresh(message)) {
            requests.read(account, message);
            return encrypted(account, fromStore(() -> answers.refresh(message)), nonce);
        }
        if (message.getDeliveryId() == null || message.getDeliveryId().isEmpty()) {
            throw new CallbackRejection(Reason.MALFORMED_XML, "an AI-bot callback without msgid: " + message);
        }
        metrics.received(account.name(), message);
        response.answerEarlyWith(() -> encrypted(account, answers.pending(message), nonce));
        Map<String, Object> context = new HashMap<>();
        Runnable announce = () -> answerEarly(response);
        context.put(WxAibotAnswers.STREAM_CONTEXT_KEY, (Supplier<WxStream>) () -> answers.stream(message, announce));
        String reply;
        try {
            reply = requests.route(account, message, context, response);
        } catch (CallbackRejection rejection) {
            if (rejection.reason() == Reason.IN_PROGRESS) {
                // WeCom's retry of a message still being handled: the stream as it stands, if one was
                // announced. Announcing one here would leave it unfinished should the handler answer
                // its own delivery with text; without one, 503 and WeCom asks again.
                String soFar = fromStore(() -> answers.answer(message, null));
                if (soFar != null) {
                    return encrypted(account, soFar, nonce);
                }
            }
            throw rejection;
        }
        metrics.answered(account.name(), reply != null);
        try {
            return encrypted(account, fromStore(() -> answers.answer(message, reply)), nonce);
        } catch (IllegalStateException e) {
            throw new CallbackRejection(Reason.HANDLER_FAILED, e.getMessage(), e);
        }
    }

    /**
     * Reads the stream store; an unreachable store answers 503 as routing's store failures do, and
     * WeCom asks again.
     */
    private static @Nullable String fromStore(Supplier<@Nullable String> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            CallbackRejection rejection = RoutingFailures.rejectionFor(e);
            if (rejection == null || rejection.reason() != Reason.STORE_UNAVAILABLE) {
                throw e;
            }
            throw rejection;
        }
    }

    /** Sends the stream as it stands, once; never fails the handler's write that asked for it. */
    private static void answerEarly(CallbackResponse response) {
        try {
            response.success();
        } catch (IOException | RuntimeException e) {
            // The client left: the stream is stored all the same, and WeCom's refreshes will find it.
            LOG.log(System.Logger.Level.DEBUG, "could not announce the stream early", e);
        }
    }

    /** The plaintext reply, encrypted into the bot's JSON envelope; nothing: the empty body. */
    private static CallbackAnswer encrypted(WxAccount account, @Nullable String plaintext, String nonce) {
        if (plaintext == null) {
            return CallbackAnswer.EMPTY;
        }
        return CallbackAnswer.json(WxJsonEnvelope.AIBOT.write(CallbackRequests.crypt(account).encryptReply(plaintext,
                nonce)));
    }
}
