package io.github.wxsession.api;

import java.net.URI;

/** Which WeChat platform an account belongs to; decides the API host and the token endpoint. */
public enum WxApiType {

    /** An Official Account (公众号) or a mini program: {@code https://api.weixin.qq.com/}. */
    MP(URI.create("https://api.weixin.qq.com/")),

    /** A WeCom (企业微信) app: {@code https://qyapi.weixin.qq.com/}. */
    CP(URI.create("https://qyapi.weixin.qq.com/"));

    private final URI defaultBaseUri;

    WxApiType(URI defaultBaseUri) {
        this.defaultBaseUri = defaultBaseUri;
    }

    /** The official API root of this platform, ending with {@code /}. */
    public URI defaultBaseUri() {
        return defaultBaseUri;
    }
}
