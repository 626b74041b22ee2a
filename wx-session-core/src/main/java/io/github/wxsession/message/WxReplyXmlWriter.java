package io.github.wxsession.message;

import io.github.wxsession.message.WxReplyBody.Article;

/**
 * Writes {@link WxXmlOutMessage}s in the exact, unindented form of WeChat's reply documentation:
 * every string in CDATA, numbers bare, absent optional values left out.
 */
final class WxReplyXmlWriter {

    private static final String CDATA_END = "]]>";

    private WxReplyXmlWriter() {
    }

    static String write(WxXmlOutMessage message) {
        StringBuilder out = new StringBuilder(256);
        out.append("<xml>");
        element(out, "ToUserName", message.getToUserName());
        element(out, "FromUserName", message.getFromUserName());
        out.append("<CreateTime>").append(message.getCreateTime()).append("</CreateTime>");
        element(out, "MsgType", message.getMsgType());
        writeBody(out, message.getBody());
        return out.append("</xml>").toString();
    }

    private static void writeBody(StringBuilder out, WxReplyBody body) {
        if (body instanceof WxReplyBody.Text text) {
            element(out, "Content", text.content());
        } else if (body instanceof WxReplyBody.Image image) {
            wrapped(out, "Image", "MediaId", image.mediaId());
        } else if (body instanceof WxReplyBody.Voice voice) {
            wrapped(out, "Voice", "MediaId", voice.mediaId());
        } else if (body instanceof WxReplyBody.Video video) {
            out.append("<Video>");
            element(out, "MediaId", video.mediaId());
            element(out, "Title", video.title());
            element(out, "Description", video.description());
            out.append("</Video>");
        } else if (body instanceof WxReplyBody.Music music) {
            out.append("<Music>");
            element(out, "Title", music.title());
            element(out, "Description", music.description());
            element(out, "ThumbMediaId", music.thumbMediaId());
            element(out, "MusicUrl", music.musicUrl());
            element(out, "HQMusicUrl", music.hqMusicUrl());
            out.append("</Music>");
        } else if (body instanceof WxReplyBody.News news) {
            out.append("<ArticleCount>").append(news.articles().size()).append("</ArticleCount><Articles>");
            for (Article article : news.articles()) {
                out.append("<item>");
                element(out, "Title", article.title());
                element(out, "Description", article.description());
                element(out, "PicUrl", article.picUrl());
                element(out, "Url", article.url());
                out.append("</item>");
            }
            out.append("</Articles>");
        } else if (body instanceof WxReplyBody.TransferCustomerService transfer) {
            if (transfer.kfAccount() != null) {
                wrapped(out, "TransInfo", "KfAccount", transfer.kfAccount());
            }
        } else if (body instanceof WxReplyBody.TemplateCard card) {
            // Not a WeChat XML reply: the form in which a de-duplication store keeps an AI bot's card.
            element(out, "TemplateCard", card.json());
        } else {
            throw new IllegalStateException("no XML form for " + body.getClass());
        }
    }

    /** {@code <outer><name><![CDATA[value]]></name></outer>}. */
    private static void wrapped(StringBuilder out, String outer, String name, String value) {
        out.append('<').append(outer).append('>');
        element(out, name, value);
        out.append("</").append(outer).append('>');
    }

    /** {@code <name><![CDATA[value]]></name>}, or nothing when {@code value} is {@code null}. */
    private static void element(StringBuilder out, String name, String value) {
        if (value == null) {
            return;
        }
        out.append('<').append(name).append("><![CDATA[");
        cdata(out, value);
        out.append("]]></").append(name).append('>');
    }

    /**
     * A CDATA section cannot contain {@code ]]>}, so each one ends the section after {@code ]]}
     * and a new section starts with {@code >}: {@code a]]>b} is written {@code a]]]]><![CDATA[>b}.
     */
    private static void cdata(StringBuilder out, String value) {
        int from = 0;
        int end = value.indexOf(CDATA_END);
        while (end >= 0) {
            out.append(value, from, end + 2).append("]]><![CDATA[");
            from = end + 2;
            end = value.indexOf(CDATA_END, from);
        }
        out.append(value, from, value.length());
    }
}
