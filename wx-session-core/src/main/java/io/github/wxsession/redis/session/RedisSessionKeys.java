package io.github.wxsession.redis.session;

import io.github.wxsession.redis.RedisNamespace;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The keys of one account's sessions, as bytes. Every key of one session carries the hash tag
 * {@code {<appId>:<sessionId>}}, so one script can touch all of them and Redis Cluster keeps
 * them on one node:
 * <pre>
 * wx:{app:id}:s              the session hash: #c created, #a last access, #m max inactive, a:&lt;name&gt; attributes
 * wx:{app:id}:l              the session lock: '&lt;deadline&gt;|&lt;owner&gt;'
 * wx:{app:sender}:d:&lt;key&gt;    a message's de-dup record: 'p:&lt;owner&gt;' in progress, 'h:&lt;reply&gt;' handled
 * wx:{app:sender}:d:&lt;key&gt;:late  a slow message's late record: n its deliveries beyond the first,
 *                            park '1' when WeChat's last delivery asked for its reply to be parked
 * wx:{app}:n                 the account's live-session count, the only key outside a session's slot
 * </pre>
 */
final class RedisSessionKeys {

    private static final byte[] SESSION = bytes("}:s");
    private static final byte[] LOCK = bytes("}:l");
    private static final byte[] DEDUP = bytes("}:d:");
    private static final byte[] LATE = bytes(":late");

    /** {@code ns:{app:}: the part every session key starts with. */
    private final byte[] prefix;
    private final byte[] counter;
    private final byte[] countInFlight;
    private final byte[] countVersion;
    private final byte[] scanPattern;

    RedisSessionKeys(String namespace, String appId) {
        RedisNamespace checked = new RedisNamespace(namespace);
        if (appId.indexOf(':') >= 0) {
            throw new IllegalArgumentException("an app id must not contain ':' (a session key could then be read as"
                    + " another account's), was \"" + appId + "\"");
        }
        this.counter = bytes(checked.accountKey(appId, "n"));
        this.countInFlight = bytes(checked.accountKey(appId, "n:f"));
        this.countVersion = bytes(checked.accountKey(appId, "n:v"));
        String tagStart = checked.prefix() + ":{" + appId + ":";
        this.prefix = bytes(tagStart);
        this.scanPattern = bytes(escapeGlob(tagStart) + "*}:s");
    }

    byte[] session(String sessionId) {
        return tagged(sessionId, SESSION, "");
    }

    byte[] lock(String sessionId) {
        return tagged(sessionId, LOCK, "");
    }

    /** The de-dup record of {@code messageKey}, in the slot of the sender's session. */
    byte[] dedup(String sender, String messageKey) {
        return tagged(sender, DEDUP, messageKey);
    }

    /** The late record of the message whose de-dup record is {@code dedupKey}, in the same slot. */
    static byte[] late(byte[] dedupKey) {
        byte[] key = Arrays.copyOf(dedupKey, dedupKey.length + LATE.length);
        System.arraycopy(LATE, 0, key, dedupKey.length, LATE.length);
        return key;
    }

    byte[] counter() {
        return counter;
    }

    /** The changes to the count in flight ({@link LiveSessionCount}), in the counter's slot. */
    byte[] countInFlight() {
        return countInFlight;
    }

    /** The count's version, in the counter's slot. */
    byte[] countVersion() {
        return countVersion;
    }

    /** A {@code SCAN MATCH} pattern for this account's session hashes. */
    byte[] scanPattern() {
        return scanPattern;
    }

    /** The session id a scanned key belongs to, or {@code null} if it is not a session hash of ours. */
    @Nullable String sessionIdOf(byte[] key) {
        int idLength = key.length - prefix.length - SESSION.length;
        if (idLength <= 0 || !Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)
                || !Arrays.equals(key, key.length - SESSION.length, key.length, SESSION, 0, SESSION.length)) {
            return null;
        }
        return new String(key, prefix.length, idLength, StandardCharsets.UTF_8);
    }

    private byte[] tagged(String id, byte[] tagEnd, String rest) {
        byte[] idBytes = bytes(id);
        byte[] restBytes = rest.isEmpty() ? null : bytes(rest);
        int restLength = restBytes == null ? 0 : restBytes.length;
        byte[] key = Arrays.copyOf(prefix, prefix.length + idBytes.length + tagEnd.length + restLength);
        System.arraycopy(idBytes, 0, key, prefix.length, idBytes.length);
        System.arraycopy(tagEnd, 0, key, prefix.length + idBytes.length, tagEnd.length);
        if (restBytes != null) {
            System.arraycopy(restBytes, 0, key, key.length - restLength, restLength);
        }
        return key;
    }

    /** Makes the namespace and app id match themselves only, whatever glob characters they hold. */
    private static String escapeGlob(String literal) {
        StringBuilder escaped = new StringBuilder(literal.length() + 8);
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
