package io.github.wxsession.message;

import io.github.wxsession.message.WxMessageParseException.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the replies {@link WxReplyXmlWriter} writes, so a reply kept as its wire form (e.g. in a
 * shared de-duplication store) can be handed back as a {@link WxXmlOutMessage}.
 */
final class WxReplyXmlReader {

    private WxReplyXmlReader() {
    }

    static WxXmlOutMessage read(String xml) {
        WxXmlMessage parsed = WxXmlMessageParser.defaults().parse(xml);
        Long createTime = parsed.getCreateTime();
        try {
            return WxXmlOutMessage.builder()
                    .toUserName(parsed.getToUserName())
                    .fromUserName(parsed.getFromUserName())
                    .createTime(createTime == null ? -1 : createTime)
                    .build(body(parsed));
        } catch (IllegalArgumentException e) {
            throw new WxMessageParseException(Reason.MALFORMED, "not a complete reply: " + e.getMessage(), e);
        }
    }

    private static WxReplyBody body(WxXmlMessage reply) {
        String type = String.valueOf(reply.getMsgType());
        return switch (type) {
            case WxMsgType.TEXT -> new WxReplyBody.Text(reply.getContent());
            case WxMsgType.IMAGE -> new WxReplyBody.Image(part(reply, "Image").getChildText("MediaId"));
            case WxMsgType.VOICE -> new WxReplyBody.Voice(part(reply, "Voice").getChildText("MediaId"));
            case WxMsgType.VIDEO -> {
                WxXmlElement video = part(reply, "Video");
                yield new WxReplyBody.Video(video.getChildText("MediaId"), video.getChildText("Title"),
                        video.getChildText("Description"));
            }
            case WxMsgType.MUSIC -> {
                WxXmlElement music = part(reply, "Music");
                yield new WxReplyBody.Music(music.getChildText("Title"), music.getChildText("Description"),
                        music.getChildText("MusicUrl"), music.getChildText("HQMusicUrl"),
                        music.getChildText("ThumbMediaId"));
            }
            case WxMsgType.NEWS -> new WxReplyBody.News(articles(part(reply, "Articles")));
            case WxMsgType.TRANSFER_CUSTOMER_SERVICE -> {
                WxXmlElement transInfo = reply.getElement("TransInfo");
                yield new WxReplyBody.TransferCustomerService(
                        transInfo == null ? null : transInfo.getChildText("KfAccount"));
            }
            case WxMsgType.TEMPLATE_CARD -> new WxReplyBody.TemplateCard(reply.get("TemplateCard"));
            default -> throw new WxMessageParseException(Reason.MALFORMED, "not a reply type: MsgType=" + type);
        };
    }

    private static List<WxReplyBody.Article> articles(WxXmlElement articles) {
        List<WxReplyBody.Article> read = new ArrayList<>();
        for (WxXmlElement item : articles.getChildren("item")) {
            read.add(new WxReplyBody.Article(item.getChildText("Title"), item.getChildText("Description"),
                    item.getChildText("PicUrl"), item.getChildText("Url")));
        }
        return read;
    }

    private static WxXmlElement part(WxXmlMessage reply, String name) {
        WxXmlElement element = reply.getElement(name);
        if (element == null) {
            throw new WxMessageParseException(Reason.MALFORMED,
                    "a " + reply.getMsgType() + " reply needs a <" + name + "> element");
        }
        return element;
    }
}
