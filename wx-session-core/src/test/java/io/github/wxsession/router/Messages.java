package io.github.wxsession.router;

import io.github.wxsession.api.HttpWxService;
import io.github.wxsession.api.WxApiConfig;
import io.github.wxsession.api.WxService;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.session.WxSessionManager;
import io.github.wxsession.token.InMemoryWxConfigStorage;
import java.util.concurrent.atomic.AtomicLong;

/** Inbound messages and collaborators for router tests. */
final class Messages {

    /** Handed to handlers, never called: a real client aimed at a port nobody listens on. */
    static final WxService WX_SERVICE = new HttpWxService(
            WxApiConfig.builder().baseUri("http://127.0.0.1:9/").build(),
            InMemoryWxConfigStorage.builder().appId("wx-router-test").secret("unused").build());

    private static final AtomicLong MSG_IDS = new AtomicLong(1_000_000);

    private Messages() {
    }

    /** A text message from {@code oUser} with a fresh MsgId, so de-duplication never interferes. */
    static WxXmlMessage text(String content) {
        return text(MSG_IDS.incrementAndGet(), "oUser", content);
    }

    static WxXmlMessage text(long msgId, String from, String content) {
        return WxXmlMessage.fromXml("<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[" + from
                + "]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId + "</MsgId></xml>");
    }

    /** An event at a fresh CreateTime, so de-duplication never interferes. */
    static WxXmlMessage event(String event, String eventKey) {
        return event("oUser", MSG_IDS.incrementAndGet(), event, eventKey);
    }

    static WxXmlMessage event(String from, long createTime, String event, String eventKey) {
        return WxXmlMessage.fromXml("<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[" + from
                + "]]></FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[" + event + "]]></Event>"
                + (eventKey == null ? "" : "<EventKey><![CDATA[" + eventKey + "]]></EventKey>") + "</xml>");
    }

    /** A handler that answers {@code text}. */
    static WxMessageHandler replying(String text) {
        return (message, context, wxService, sessionManager) -> WxXmlOutMessage.replyTo(message).createTime(1).text(text);
    }

    static String content(WxXmlOutMessage reply) {
        return reply == null ? null : WxXmlMessage.fromXml(reply.toXml()).getContent();
    }

    /** A session manager that only has an identity; the router must hand it over untouched. */
    static final class OpaqueSessionManager implements WxSessionManager {
        @Override
        public WxSession getSession(String sessionId) {
            throw new UnsupportedOperationException("the router itself must not use sessions");
        }

        @Override
        public WxSession getSession(String sessionId, boolean create) {
            throw new UnsupportedOperationException("the router itself must not use sessions");
        }
    }
}
