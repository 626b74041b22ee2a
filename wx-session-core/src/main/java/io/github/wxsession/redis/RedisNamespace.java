package io.github.wxsession.redis;

/**
 * The prefix of every key wx-session writes, and the layout {@code <namespace>:{<appId>}:<rest>}.
 * <p>
 * The account's app id sits in braces, Redis Cluster's hash tag, so all keys of one account map
 * to one slot: the Lua scripts that touch several of them work on a cluster too.
 */
record RedisNamespace(String prefix) {

    /** The namespace unless configured. */
    static final String DEFAULT = "wx";

    RedisNamespace {
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
    String accountKey(String appId, String rest) {
        if (appId.indexOf('{') >= 0 || appId.indexOf('}') >= 0) {
            throw new IllegalArgumentException("an app id must not contain braces (they would move the cluster hash"
                    + " tag), was \"" + appId + "\"");
        }
        return prefix + ":{" + appId + "}:" + rest;
    }
}
