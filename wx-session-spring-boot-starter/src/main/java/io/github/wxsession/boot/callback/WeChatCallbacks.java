package io.github.wxsession.boot.callback;

import static io.github.wxsession.boot.callback.CallbackRequests.parse;
import static io.github.wxsession.boot.callback.CallbackRequests.required;

import io.github.wxsession.api.WxApiType;
import io.github.wxsession.api.WxErrorException;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccountType;
import io.github.wxsession.boot.account.WxMessageFormat;
import io.github.wxsession.boot.callback.CallbackRejection.Reason;
import io.github.wxsession.boot.metrics.WxMetrics;
import io.github.wxsession.crypto.WxEncryptedEnvelope;
import io.github.wxsession.crypto.WxEncryptedReply;
import io.github.wxsession.crypto.WxJsonEnvelope;
import io.github.wxsession.message.WxJsonMessageParser;
import io.github.wxsession.message.WxReplyBody;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.router.CustomMessageReplySender;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.HashMap;
import org.jspecify.annotations.Nullable;

/**
 * Official Accounts, WeCom apps and mini programs: signed (and in safe mode encrypted) callbacks
 * in XML, or for a mini program configured so, in JSON.
 *
 * <ul>
 * <li>An Official Account or WeCom app answers with its passive reply, encrypted if the request was.
 * <li>A mini program cannot reply passively: its reply goes out through the customer-service
 *     API before the callback is answered {@code success}, so a failed send fails the delivery
 *     and WeChat's retry, which finds the reply recorded, sends it again. Only a hand-over to
 *     customer service ({@code transfer_customer_service}) is a passive reply, in the account's
 *     format.
 * </ul>
 */
final class WeChatCallbacks implements CallbackChannel {

    private final CallbackRequests requests;
    private final WxMetrics metrics;

    WeChatCallbacks(CallbackRequests requests, WxMetrics metrics) {
        this.requests = requests;
        this.metrics = metrics;
    }

    /** Official Accounts and mini programs echo {@code echostr}; WeCom decrypts it. */
    @Override
    public CallbackAnswer verify(WxAccount account, HttpServletRequest request) {
        if (account.apiType() == WxApiType.CP) {
            return requests.decryptEchostr(account, request);
        }
        String timestamp = required(request, "timestamp");
        String nonce = required(request, "nonce");
        String echostr = required(request, "echostr");
        requests.checkSignature(account, required(request, "signature"), timestamp, nonce);
        requests.checkTimestamp(timestamp);
        return CallbackAnswer.text(echostr);
    }

    /**
     * Verify (signature, timestamp, encryption if required), decrypt if encrypted, route, reply
     * (encrypted if the request was). A handler still running at the reply deadline may have the
     * router answer {@code success} through {@code response} meanwhile.
     */
    @Override
    public CallbackAnswer receive(WxAccount account, HttpServletRequest request, CallbackResponse response)
            throws IOException {
        String timestamp = required(request, "timestamp");
        String nonce = required(request, "nonce");
        boolean weCom = account.apiType() == WxApiType.CP;
        boolean encrypted = weCom || "aes".equalsIgnoreCase(request.getParameter("encrypt_type"));
        String msgSignature = encrypted ? required(request, "msg_signature") : null;
        if (!weCom) {
            // Official Accounts sign every POST with the plain signature, in every mode.
            requests.checkSignature(account, required(request, "signature"), timestamp, nonce);
            requests.checkTimestamp(timestamp);
            if (!encrypted && account.settings().requireEncryption()) {
                // The plain signature never covers the body: only msg_signature vouches for the message.
                throw new CallbackRejection(Reason.ENCRYPTION_REQUIRED, "a plaintext POST for account '"
                        + account.name() + "', which requires encryption (require-encryption): not safe mode, or a"
                        + " forged request");
            }
        }
        boolean json = account.settings().messageFormat() == WxMessageFormat.JSON;
        // WeCom is authenticated only by the msg_signature over the body: until it is checked, the
        // declared length is the client's word, so the buffer grows with what actually arrives.
        byte[] body = requests.readBody(request, !weCom);
        WxXmlMessage message;
        if (encrypted) {
            String ciphertext = json ? CallbackRequests.envelope(() -> WxJsonEnvelope.MINI_PROGRAM.ciphertextOf(body))
                    : xmlCiphertext(body);
            String plaintext = CallbackRequests.decrypt(account, msgSignature, timestamp, nonce, ciphertext);
            if (weCom) {
                requests.checkTimestamp(timestamp);
            }
            message = parse(() -> json ? WxJsonMessageParser.defaults().parse(plaintext) : WxXmlMessage.fromXml(plaintext));
        } else {
            message = parse(() -> json ? WxJsonMessageParser.defaults().parse(body) : WxXmlMessage.fromXml(body));
        }
        metrics.received(account.name(), message);
        String reply = requests.route(account, message, new HashMap<>(), response);
        metrics.answered(account.name(), reply != null);
        if (account.type() == WxAccountType.MINIAPP) {
            reply = sendThroughCustomerService(account, message, reply);
        }
        if (reply == null) {
            return CallbackAnswer.SUCCESS;
        }
        if (json) {
            String plain = transferJson(WxXmlOutMessage.fromXml(reply));
            return CallbackAnswer.json(encrypted ? WxJsonEnvelope.MINI_PROGRAM.write(encrypt(account, plain, nonce)) : plain);
        }
        return CallbackAnswer.xml(encrypted ? encrypt(account, reply, nonce).toXml() : reply);
    }

    private static WxEncryptedReply encrypt(WxAccount account, String plaintext, String nonce) {
        return CallbackRequests.crypt(account).encryptReply(plaintext, nonce);
    }

    /** The envelope's ciphertext: found by a scan when WeChat's usual shape, else by parsing it. */
    private static String xmlCiphertext(byte[] envelope) {
        String encrypt = WxEncryptedEnvelope.ciphertextOf(envelope);
        if (encrypt == null) {
            encrypt = parse(() -> WxXmlMessage.fromXml(envelope)).getEncrypt();
        }
        if (encrypt == null) {
            throw new CallbackRejection(Reason.NOT_ENCRYPTED, "encrypted request without an <Encrypt> element");
        }
        return encrypt;
    }

    /**
     * A mini program's reply: sent now through the customer-service API, except a hand-over to
     * customer service, which stays the passive reply.
     *
     * @return the passive reply left to answer with, or {@code null}
     */
    private static @Nullable String sendThroughCustomerService(WxAccount account, WxXmlMessage message,
            @Nullable String replyXml) {
        if (replyXml == null) {
            return null;
        }
        WxXmlOutMessage reply = WxXmlOutMessage.fromXml(replyXml);
        if (reply.getBody() instanceof WxReplyBody.TransferCustomerService) {
            return replyXml;
        }
        try {
            new CustomMessageReplySender(account.service()).send(message, reply);
        } catch (WxErrorException | RuntimeException e) {
            throw new CallbackRejection(Reason.HANDLER_FAILED, "the reply to " + message + " could not be sent"
                    + " through the customer-service API; WeChat's retry sends it again: " + e.getMessage(), e);
        }
        return null;
    }

    /**
     * A hand-over to customer service in the mini program's JSON format: the XML reply's four
     * members. The documentation shows this JSON for cloud functions only; a server configured
     * for JSON is assumed to answer alike.
     */
    private static String transferJson(WxXmlOutMessage reply) {
        if (!(reply.getBody() instanceof WxReplyBody.TransferCustomerService)) {
            throw new IllegalStateException("a mini program's only passive reply is transfer_customer_service, not "
                    + reply.getMsgType());
        }
        return "{\"ToUserName\":\"" + CallbackAnswer.jsonText(reply.getToUserName()) + "\",\"FromUserName\":\""
                + CallbackAnswer.jsonText(reply.getFromUserName()) + "\",\"CreateTime\":" + reply.getCreateTime()
                + ",\"MsgType\":\"transfer_customer_service\"}";
    }
}
