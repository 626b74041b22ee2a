package io.github.wxsession.redis;

/**
 * The prefix of every key wx-session writes, and the layout {@code <namespace>:{<appId>}:<rest>}.
 * <p>
 * The account's app id sits in braces, Redis Cluster's hash tag, so all keys of one account map
 * to one slot: the Lua scripts that touch several of them work on a cluster too.
 * <p>
 * Internal: public only so that the session and token subpackages share it; not an API, and
 * may change in any release.
 */
public record RedisNamespace(String prefix) {

    /** The namespace unless configured. */
    public static final String DEFAULT = "wx";

    public RedisNamespace {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("the Redis key namespace must not be blank; the default is \""
                    + DEFAULT + "\"");
        }
        if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0 || prefix.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the Redis key namespace must not contain braces (they would move the"
                    + " cluster hash tag) or whitespace, was \"" + prefix + "\"");
        }
    }

    /** The key {@code <namespace>:{<appId>}:<rest>}. */
    public String accountKey(String appId, String rest) {
        if (appId.indexOf('{') >= 0 || appId.indexOf('}') >= 0) {
            throw new IllegalArgumentException("an app id must not contain braces (they would move the cluster hash"
                    + " tag), was \"" + appId + "\"");
        }
        return prefix + ":{" + appId + "}:" + rest;
    }
}
