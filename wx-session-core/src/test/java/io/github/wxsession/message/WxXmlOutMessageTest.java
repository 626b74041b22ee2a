package io.github.wxsession.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.message.WxReplyBody.Article;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replies are written byte for byte as in the protocol reference §4.3. */
class WxXmlOutMessageTest {

    private static final String HEAD = "<xml><ToUserName><![CDATA[to]]></ToUserName><FromUserName><![CDATA[from]]></FromUserName>"
            + "<CreateTime>1122</CreateTime>";

    @Test
    void writesText() {
        assertThat(header().text("content").toXml()).isEqualTo("<xml><ToUserName><![CDATA[to]]></ToUserName>"
                + "<FromUserName><![CDATA[from]]></FromUserName><CreateTime>1122</CreateTime>"
                + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[content]]></Content></xml>");
    }

    @Test
    void keepsAnAiBotTemplateCardAndReadsItBack() {
        String card = "{\"card_type\":\"text_notice\",\"main_title\":{\"title\":\"a]]>b\"}}";
        WxXmlOutMessage reply = header().templateCard(card);

        assertThat(WxXmlOutMessage.fromXml(reply.toXml()).getBody()).isEqualTo(new WxReplyBody.TemplateCard(card));
        assertThat(reply.getMsgType()).isEqualTo(WxMsgType.TEMPLATE_CARD);
        assertThatThrownBy(() -> header().templateCard("[1]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("template card");
        assertThatThrownBy(() -> header().templateCard("{\"a\":1,\"a\":2}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesImage() {
        assertThat(header().image("ddfefesfsdfef").toXml()).isEqualTo(HEAD
                + "<MsgType><![CDATA[image]]></MsgType><Image><MediaId><![CDATA[ddfefesfsdfef]]></MediaId></Image></xml>");
    }

    @Test
    void writesVoice() {
        assertThat(header().voice("ddfefesfsdfef").toXml()).isEqualTo(HEAD
                + "<MsgType><![CDATA[voice]]></MsgType><Voice><MediaId><![CDATA[ddfefesfsdfef]]></MediaId></Voice></xml>");
    }

    @Test
    void writesVideo() {
        assertThat(header().video("media_id", "title", "ddfff").toXml()).isEqualTo(HEAD
                + "<MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[media_id]]></MediaId>"
                + "<Title><![CDATA[title]]></Title><Description><![CDATA[ddfff]]></Description></Video></xml>");
    }

    @Test
    void leavesOutTheOptionalTitleAndDescriptionOfAVideo() {
        assertThat(header().video("media_id", null, null).toXml()).isEqualTo(HEAD
                + "<MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[media_id]]></MediaId></Video></xml>");
    }

    @Test
    void writesMusic() {
        WxReplyBody.Music music = WxReplyBody.Music.builder().title("title").description("ddfff")
                .thumbMediaId("thumbMediaId").musicUrl("musicUrl").hqMusicUrl("hQMusicUrl").build();

        assertThat(header().music(music).toXml()).isEqualTo(HEAD
                + "<MsgType><![CDATA[music]]></MsgType><Music><Title><![CDATA[title]]></Title>"
                + "<Description><![CDATA[ddfff]]></Description><ThumbMediaId><![CDATA[thumbMediaId]]></ThumbMediaId>"
                + "<MusicUrl><![CDATA[musicUrl]]></MusicUrl><HQMusicUrl><![CDATA[hQMusicUrl]]></HQMusicUrl></Music></xml>");
    }

    @Test
    void writesNewsWithTwoArticles() {
        Article first = Article.builder().title("title").description("description").picUrl("picUrl").url("url").build();
        Article second = new Article("title2", "description2", "picUrl2", "url2");

        assertThat(header().news(first, second).toXml()).isEqualTo(HEAD
                + "<MsgType><![CDATA[news]]></MsgType><ArticleCount>2</ArticleCount><Articles>"
                + "<item><Title><![CDATA[title]]></Title><Description><![CDATA[description]]></Description>"
                + "<PicUrl><![CDATA[picUrl]]></PicUrl><Url><![CDATA[url]]></Url></item>"
                + "<item><Title><![CDATA[title2]]></Title><Description><![CDATA[description2]]></Description>"
                + "<PicUrl><![CDATA[picUrl2]]></PicUrl><Url><![CDATA[url2]]></Url></item></Articles></xml>");
    }

    @Test
    void writesTransferToCustomerServiceWithAndWithoutAnAgent() {
        WxXmlOutMessage.Builder builder = WxXmlOutMessage.builder().toUserName("touser").fromUserName("fromuser")
                .createTime(1399197672);
        String head = "<xml><ToUserName><![CDATA[touser]]></ToUserName><FromUserName><![CDATA[fromuser]]></FromUserName>"
                + "<CreateTime>1399197672</CreateTime><MsgType><![CDATA[transfer_customer_service]]></MsgType>";

        assertThat(builder.transferCustomerService().toXml()).isEqualTo(head + "</xml>");
        assertThat(builder.transferCustomerService("test1@test").toXml())
                .isEqualTo(head + "<TransInfo><KfAccount><![CDATA[test1@test]]></KfAccount></TransInfo></xml>");
    }

    @Test
    void splitsTheCdataSectionAroundEveryCdataTerminatorInAValue() {
        WxXmlOutMessage reply = header().text("a]]>b]]>");

        assertThat(reply.toXml()).contains("<Content><![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]></Content>");
        assertThat(WxXmlMessage.fromXml(reply.toXml()).getContent()).isEqualTo("a]]>b]]>");
    }

    @Test
    void writesMarkupCharactersUnescapedInsideCdata() {
        WxXmlOutMessage reply = header().text("<b>&amp; \"q\"</b>");

        assertThat(reply.toXml()).contains("<Content><![CDATA[<b>&amp; \"q\"</b>]]></Content>");
        assertThat(WxXmlMessage.fromXml(reply.toXml()).getContent()).isEqualTo("<b>&amp; \"q\"</b>");
    }

    @Test
    void repliesToTheSenderAtTheClocksTime() {
        WxXmlMessage inbound = WxXmlMessage.fromXml("<xml><ToUserName><![CDATA[gh_account]]></ToUserName>"
                + "<FromUserName><![CDATA[oUser]]></FromUserName><CreateTime>1</CreateTime>"
                + "<MsgType><![CDATA[text]]></MsgType><Content>hi</Content><MsgId>9</MsgId></xml>");
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1122, 999_000_000), ZoneOffset.UTC);

        WxXmlOutMessage reply = WxXmlOutMessage.replyTo(inbound, clock).text("hello");

        assertThat(reply.getToUserName()).isEqualTo("oUser");
        assertThat(reply.getFromUserName()).isEqualTo("gh_account");
        assertThat(reply.getCreateTime()).isEqualTo(1122);
        assertThat(WxXmlOutMessage.replyTo(inbound, clock).createTime(7).text("x").getCreateTime()).isEqualTo(7);
        assertThat(WxXmlOutMessage.replyTo(inbound).text("x").getCreateTime())
                .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
    }

    @Test
    void refusesIncompleteAddressingWithAHint() {
        assertThatThrownBy(() -> WxXmlOutMessage.builder().fromUserName("from").createTime(1).text("x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("toUserName").hasMessageContaining("replyTo");
        assertThatThrownBy(() -> WxXmlOutMessage.builder().toUserName("to").fromUserName("from").text("x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("createTime must be set");
    }

    @Test
    void refusesValuesXmlCannotCarry() {
        assertThatThrownBy(() -> header().text("bell\u0007"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("content has U+0007 at index 4, which XML 1.0 cannot carry; remove it");
        assertThatThrownBy(() -> header().text("half \uD83D")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> header().text(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("content must not be null");
        assertThat(header().text("tab\t emoji 👋 \uFFFD").toXml()).contains("tab\t emoji 👋 \uFFFD");
    }

    @Test
    void newsCarriesOneToEightArticles() {
        Article article = new Article("t", null, null, null);

        assertThat(header().news(Collections.nCopies(8, article)).getBody())
                .isInstanceOfSatisfying(WxReplyBody.News.class, news -> assertThat(news.articles()).hasSize(8));
        assertThatThrownBy(() -> header().news(Collections.nCopies(9, article)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a news reply carries at most 8 articles, got 9");
        assertThatThrownBy(() -> header().news(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a news reply needs at least one article");
        assertThat(header().news(article).toXml()).endsWith("<ArticleCount>1</ArticleCount><Articles>"
                + "<item><Title><![CDATA[t]]></Title></item></Articles></xml>");
    }

    @Test
    void articlesAreCopiedSoTheReplyStaysImmutable() {
        List<Article> articles = new java.util.ArrayList<>(List.of(new Article("t", null, null, null)));
        WxXmlOutMessage reply = header().news(articles);

        articles.add(new Article("late", null, null, null));

        assertThat(((WxReplyBody.News) reply.getBody()).articles()).hasSize(1);
    }

    @Test
    void readsEveryReplyTypeBackFromItsXml() {
        List<WxXmlOutMessage> replies = List.of(
                header().text("a]]>b 你好"),
                header().image("m"),
                header().voice("m"),
                header().video("m", "t", null),
                header().music(WxReplyBody.Music.builder().thumbMediaId("th").musicUrl("u").build()),
                header().news(new Article("t", "d", "p", "u"), new Article("t2", null, null, "u2")),
                header().transferCustomerService(),
                header().transferCustomerService("test1@test"));

        for (WxXmlOutMessage reply : replies) {
            WxXmlOutMessage read = WxXmlOutMessage.fromXml(reply.toXml());
            assertThat(read).isEqualTo(reply).hasSameHashCodeAs(reply);
            assertThat(read.toXml()).isEqualTo(reply.toXml());
        }
    }

    @Test
    void refusesToReadSomethingThatIsNotAReply() {
        assertThatThrownBy(() -> WxXmlOutMessage.fromXml(HEAD + "<MsgType><![CDATA[event]]></MsgType></xml>"))
                .isInstanceOf(WxMessageParseException.class).hasMessage("not a reply type: MsgType=event");
        assertThatThrownBy(() -> WxXmlOutMessage.fromXml(HEAD + "<MsgType><![CDATA[image]]></MsgType></xml>"))
                .isInstanceOf(WxMessageParseException.class).hasMessage("a image reply needs a <Image> element");
        assertThatThrownBy(() -> WxXmlOutMessage.fromXml("<xml><MsgType>text</MsgType><Content>x</Content></xml>"))
                .isInstanceOf(WxMessageParseException.class).hasMessageContaining("not a complete reply");
    }

    @Test
    void toXmlIsStableAcrossCalls() {
        WxXmlOutMessage reply = header().text("content");

        assertThat(reply.toXml()).isSameAs(reply.toXml());
        assertThat(reply.getMsgType()).isEqualTo(WxMsgType.TEXT);
        assertThat(reply.toString()).contains("to=to", "Text[content=content]");
    }

    private static WxXmlOutMessage.Builder header() {
        return WxXmlOutMessage.builder().toUserName("to").fromUserName("from").createTime(1122);
    }
}
