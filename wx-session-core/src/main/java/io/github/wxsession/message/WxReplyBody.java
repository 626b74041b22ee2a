package io.github.wxsession.message;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a passive reply says, apart from its addressing: one record per reply type WeChat
 * accepts. Immutable values; every text must be writable as XML 1.0 (checked on construction).
 * Optional values may be {@code null}, and their element is then left out of the XML.
 *
 * <p>Replies that go out through another channel (e.g. the customer-service API for async
 * rules) are converted from these records, so code there can {@code instanceof}-match them.
 */
public sealed interface WxReplyBody permits WxReplyBody.Text, WxReplyBody.Image, WxReplyBody.Voice,
        WxReplyBody.Video, WxReplyBody.Music, WxReplyBody.News, WxReplyBody.TransferCustomerService,
        WxReplyBody.TemplateCard {

    /** The {@code MsgType} this body is sent as (see {@link WxMsgType}). */
    String msgType();

    /** A text reply. */
    record Text(String content) implements WxReplyBody {
        public Text {
            XmlChars.required(content, "content");
        }

        @Override
        public String msgType() {
            return WxMsgType.TEXT;
        }
    }

    /** An image reply; the media must have been uploaded beforehand. */
    record Image(String mediaId) implements WxReplyBody {
        public Image {
            XmlChars.required(mediaId, "mediaId");
        }

        @Override
        public String msgType() {
            return WxMsgType.IMAGE;
        }
    }

    /** A voice reply; the media must have been uploaded beforehand. */
    record Voice(String mediaId) implements WxReplyBody {
        public Voice {
            XmlChars.required(mediaId, "mediaId");
        }

        @Override
        public String msgType() {
            return WxMsgType.VOICE;
        }
    }

    /** A video reply; {@code title} and {@code description} are optional. */
    record Video(String mediaId, @Nullable String title, @Nullable String description) implements WxReplyBody {
        public Video {
            XmlChars.required(mediaId, "mediaId");
            XmlChars.optional(title, "title");
            XmlChars.optional(description, "description");
        }

        @Override
        public String msgType() {
            return WxMsgType.VIDEO;
        }
    }

    /** A music reply; only {@code thumbMediaId} is required. Build it with {@link #builder()}. */
    record Music(@Nullable String title, @Nullable String description, @Nullable String musicUrl,
            @Nullable String hqMusicUrl, String thumbMediaId) implements WxReplyBody {
        public Music {
            XmlChars.optional(title, "title");
            XmlChars.optional(description, "description");
            XmlChars.optional(musicUrl, "musicUrl");
            XmlChars.optional(hqMusicUrl, "hqMusicUrl");
            XmlChars.required(thumbMediaId, "thumbMediaId");
        }

        public static Builder builder() {
            return new Builder();
        }

        @Override
        public String msgType() {
            return WxMsgType.MUSIC;
        }

        /** Builds a {@link Music}; the five values are all strings, so they are named here. */
        public static final class Builder {
            private @Nullable String title;
            private @Nullable String description;
            private @Nullable String musicUrl;
            private @Nullable String hqMusicUrl;
            private @Nullable String thumbMediaId;

            private Builder() {
            }

            public Builder title(@Nullable String title) {
                this.title = title;
                return this;
            }

            public Builder description(@Nullable String description) {
                this.description = description;
                return this;
            }

            public Builder musicUrl(@Nullable String musicUrl) {
                this.musicUrl = musicUrl;
                return this;
            }

            /** The high-quality URL, played on Wi-Fi. */
            public Builder hqMusicUrl(@Nullable String hqMusicUrl) {
                this.hqMusicUrl = hqMusicUrl;
                return this;
            }

            public Builder thumbMediaId(String thumbMediaId) {
                this.thumbMediaId = thumbMediaId;
                return this;
            }

            public Music build() {
                return new Music(title, description, musicUrl, hqMusicUrl, thumbMediaId);
            }
        }
    }

    /**
     * An articles (图文) reply of 1 to {@value #MAX_ARTICLES} articles.
     *
     * <p>WeChat shows only the first article when the reply answers a user's text, image, voice,
     * video, link or location message; the full {@value #MAX_ARTICLES} only in other cases (e.g.
     * events). That depends on the inbound message, so it is documented here rather than
     * enforced; more than {@value #MAX_ARTICLES} is refused because WeChat would drop them.
     */
    record News(List<Article> articles) implements WxReplyBody {

        /** The most articles one reply may carry. */
        public static final int MAX_ARTICLES = 8;

        public News {
            if (articles == null || articles.isEmpty()) {
                throw new IllegalArgumentException("a news reply needs at least one article");
            }
            if (articles.size() > MAX_ARTICLES) {
                throw new IllegalArgumentException("a news reply carries at most " + MAX_ARTICLES
                        + " articles, got " + articles.size());
            }
            articles = List.copyOf(articles);
        }

        @Override
        public String msgType() {
            return WxMsgType.NEWS;
        }
    }

    /**
     * One article of a {@link News} reply; only {@code title} is required. {@code picUrl} should
     * be a JPG or PNG, 360×200 for the first article and 200×200 for the others.
     */
    record Article(String title, @Nullable String description, @Nullable String picUrl, @Nullable String url) {
        public Article {
            XmlChars.required(title, "title");
            XmlChars.optional(description, "description");
            XmlChars.optional(picUrl, "picUrl");
            XmlChars.optional(url, "url");
        }

        public static Builder builder() {
            return new Builder();
        }

        /** Builds an {@link Article}; the four values are all strings, so they are named here. */
        public static final class Builder {
            private @Nullable String title;
            private @Nullable String description;
            private @Nullable String picUrl;
            private @Nullable String url;

            private Builder() {
            }

            public Builder title(String title) {
                this.title = title;
                return this;
            }

            public Builder description(@Nullable String description) {
                this.description = description;
                return this;
            }

            public Builder picUrl(@Nullable String picUrl) {
                this.picUrl = picUrl;
                return this;
            }

            /** Where a tap on the article leads. */
            public Builder url(@Nullable String url) {
                this.url = url;
                return this;
            }

            public Article build() {
                return new Article(title, description, picUrl, url);
            }
        }
    }

    /**
     * Hands the conversation to the customer-service (客服) system, to any agent or, with
     * {@code kfAccount} (e.g. {@code test1@test}), to that one. Only answer user messages this
     * way, not events.
     */
    record TransferCustomerService(@Nullable String kfAccount) implements WxReplyBody {
        public TransferCustomerService {
            XmlChars.optional(kfAccount, "kfAccount");
        }

        @Override
        public String msgType() {
            return WxMsgType.TRANSFER_CUSTOMER_SERVICE;
        }
    }

    /**
     * A WeCom AI bot's template card (模板卡片), given as the JSON object of its
     * {@code template_card} member, e.g. {@code {"card_type":"button_interaction","task_id":"t1",…}}.
     * Answering a message or {@code enter_chat}, it is sent as a card; answering a
     * {@code template_card_event}, as the update of the card the user clicked (its {@code task_id}
     * must be the event's). AI-bot accounts only: other channels refuse it.
     */
    record TemplateCard(String json) implements WxReplyBody {
        public TemplateCard {
            XmlChars.required(json, "json");
            JsonObjects.requireObject(json, "a template card");
        }

        @Override
        public String msgType() {
            return WxMsgType.TEMPLATE_CARD;
        }
    }
}
