package io.github.wxsession.router;

import io.github.wxsession.api.WxCustomMessage;
import io.github.wxsession.api.WxErrorException;
import io.github.wxsession.api.WxService;
import io.github.wxsession.message.WxReplyBody;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import java.util.List;

/**
 * Sends an async rule's reply as a customer-service message (客服消息; for WeCom an app message)
 * to the user who wrote, through the account's {@link WxService}.
 */
public final class CustomMessageReplySender implements WxAsyncReplySender {

    private final WxService service;

    public CustomMessageReplySender(WxService service) {
        this.service = service;
    }

    @Override
    public void send(WxXmlMessage inbound, WxXmlOutMessage reply) throws WxErrorException {
        service.sendCustomMessage(toCustomMessage(inbound.getFromUserName(), reply.getBody()));
    }

    /**
     * The customer-service message that says what {@code body} says.
     *
     * @throws IllegalArgumentException for a reply that only exists as a passive reply
     *         (transfer to the customer-service queue)
     */
    static WxCustomMessage toCustomMessage(String user, WxReplyBody body) {
        if (body instanceof WxReplyBody.Text text) {
            return WxCustomMessage.text(user, text.content());
        }
        if (body instanceof WxReplyBody.Image image) {
            return WxCustomMessage.image(user, image.mediaId());
        }
        if (body instanceof WxReplyBody.Voice voice) {
            return WxCustomMessage.voice(user, voice.mediaId());
        }
        if (body instanceof WxReplyBody.Video video) {
            return WxCustomMessage.video(user, video.mediaId(), null, video.title(), video.description());
        }
        if (body instanceof WxReplyBody.Music music) {
            return WxCustomMessage.music(user, music.title(), music.description(), music.musicUrl(),
                    music.hqMusicUrl(), music.thumbMediaId());
        }
        if (body instanceof WxReplyBody.News news) {
            List<WxCustomMessage.Article> articles = news.articles().stream()
                    .map(a -> new WxCustomMessage.Article(a.title(), a.description(), a.url(), a.picUrl()))
                    .toList();
            return WxCustomMessage.news(user, articles);
        }
        throw new IllegalArgumentException("A " + body.getClass().getSimpleName()
                + " reply can only be a passive reply; an async handler cannot send it later");
    }
}
