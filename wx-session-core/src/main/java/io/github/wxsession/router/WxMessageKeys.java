package io.github.wxsession.router;

import io.github.wxsession.message.WxXmlElement;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.session.WxSessionIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * What a message's deliveries are known by: its key, the same on each of WeChat's retries and
 * different for any two messages, and its sender, whose turn and session it takes.
 *
 * <ul>
 * <li>A message with a {@code MsgId} (an AI bot's: {@code msgid}) keys on it:
 *     {@code <account>:m:<MsgId>}; see {@link WxXmlMessage#getDeliveryId()}.
 * <li>Any other message (events) keys on a digest of all of its elements and their values:
 *     {@code <account>:e:<digest>}. WeChat's retries of one message are identical in content, and
 *     two distinct events always differ somewhere: WeCom's system events from {@code sys}, for
 *     example, differ only in {@code ChangeType}, {@code UserID}, {@code ExternalUserID} or
 *     {@code JobId}, and two of them can share a second. The digest is SHA-256, 128 bits of it.
 * </ul>
 * {@code <account>} is the configured account the request arrived for (not the message's own
 * {@code ToUserName}), so accounts sharing one store never meet.
 */
public final class WxMessageKeys {

    /** WeCom's sender of system events (contact changes, batch jobs): not a user. */
    public static final String SYSTEM_SENDER = "sys";

    private static final MessageDigest SHA_256;
    private static final int DIGEST_BYTES = 16;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private WxMessageKeys() {
    }

    /**
     * The key of {@code message} for the account named {@code account}.
     *
     * @param account the configured account, e.g. its app id (WeCom: corp id and agent id); {@code ""} for a
     *        gate that serves one account only
     */
    public static String keyOf(String account, WxXmlMessage message) {
        String msgId = message.getDeliveryId();
        if (msgId != null && !msgId.isBlank()) {
            return account + ":m:" + msgId.strip();
        }
        return account + ":e:" + digest(message);
    }

    /**
     * The user whose turn and session {@code message} takes: its {@code FromUserName}, or
     * {@code null} when there is no user behind it ({@value #SYSTEM_SENDER}, or no usable sender).
     * WeChat's user ids (openids, WeCom UserIDs and ExternalUserIDs) start with a letter or a digit;
     * anything else is no user of WeChat's, so a forged message cannot reach a session whose id
     * was made otherwise (such as a mini-program login session).
     */
    public static @Nullable String senderOf(WxXmlMessage message) {
        String from = message.getFromUserName();
        if (from == null || from.isEmpty() || from.length() > WxSessionIds.MAX_LENGTH || SYSTEM_SENDER.equals(from)
                || !Character.isLetterOrDigit(from.charAt(0)) || from.charAt(0) > 0x7f) {
            return null;
        }
        return from;
    }

    private static String digest(WxXmlMessage message) {
        MessageDigest sha;
        try {
            sha = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 cannot be cloned", e);
        }
        for (WxXmlElement element : message.getElements()) {
            update(sha, element);
        }
        byte[] hash = sha.digest();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, DIGEST_BYTES));
    }

    /**
     * Each element as name, text and children between separators that XML text cannot contain
     * (control characters), so no two different messages feed the digest the same bytes.
     */
    private static void update(MessageDigest sha, WxXmlElement element) {
        sha.update(element.getName().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(element.getText().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 1);
        for (WxXmlElement child : element.getChildren()) {
            sha.update((byte) 2);
            update(sha, child);
            sha.update((byte) 3);
        }
    }
}
