package io.github.wxsession.api;

import org.jspecify.annotations.Nullable;

/**
 * What {@code sns/jscode2session} answers for a mini-program login code.
 * <p>
 * The session key decrypts and verifies the user's data; WeChat asks that it never leave the
 * server, so {@link #toString()} leaves it out and it is not to be logged or sent to the client.
 *
 * @param openId the user's openid in this mini program
 * @param unionId the user's unionid across the developer's apps, or {@code null} if WeChat sent none
 * @param sessionKey the Base64 session key
 */
public record WxCode2SessionResult(String openId, @Nullable String unionId, String sessionKey) {

    @Override
    public String toString() {
        return "WxCode2SessionResult[openId=" + openId + ", unionId=" + unionId + ", sessionKey=(hidden)]";
    }
}
