package io.github.wxsession.session;

/**
 * Makes ids for sessions that are not keyed by an openid, such as the sessions of
 * mini-program HTTP APIs, whose id must be unguessable.
 */
@FunctionalInterface
public interface WxSessionIdGenerator {

    /** A new id, valid per {@link WxSessionIds#requireValid(String)}. */
    String generateId();

    /** 144 random bits from {@link java.security.SecureRandom}, as 24 URL-safe characters. */
    static WxSessionIdGenerator secureRandom() {
        return new SecureRandomSessionIdGenerator();
    }
}
