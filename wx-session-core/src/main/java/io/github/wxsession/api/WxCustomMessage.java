package io.github.wxsession.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message sent to a user outside the 5-second passive reply: a customer-service message
 * ({@code cgi-bin/message/custom/send}) for an Official Account, an app message
 * ({@code cgi-bin/message/send}) for WeCom. Asynchronous handlers reply this way.
 * <p>
 * Immutable; create one with the static factories. Optional arguments may be {@code null} and
 * are then left out of the JSON.
 */
public final class WxCustomMessage {

    /** News sent as a customer-service message shows one article; WeCom app messages up to 8. */
    private static final int MAX_ARTICLES = 8;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String toUser;
    private final String msgType;
    private final ObjectNode content;
    private final boolean officialAccountOnly;

    private WxCustomMessage(String toUser, String msgType, ObjectNode content, boolean officialAccountOnly) {
        if (toUser == null || toUser.isBlank()) {
            throw new IllegalArgumentException("toUser is required: the recipient's openid (WeCom: UserID)");
        }
        this.toUser = toUser;
        this.msgType = msgType;
        this.content = content;
        this.officialAccountOnly = officialAccountOnly;
    }

    /** A text message. */
    public static WxCustomMessage text(String toUser, String content) {
        return new WxCustomMessage(toUser, "text", fields("content", required(content, "content")), false);
    }

    /** An image uploaded before as {@code mediaId}. */
    public static WxCustomMessage image(String toUser, String mediaId) {
        return new WxCustomMessage(toUser, "image", fields("media_id", required(mediaId, "mediaId")), false);
    }

    /** A voice message uploaded before as {@code mediaId}. */
    public static WxCustomMessage voice(String toUser, String mediaId) {
        return new WxCustomMessage(toUser, "voice", fields("media_id", required(mediaId, "mediaId")), false);
    }

    /**
     * A video uploaded before as {@code mediaId}.
     *
     * @param thumbMediaId its thumbnail (Official Accounts); {@code null} for WeCom
     */
    public static WxCustomMessage video(String toUser, String mediaId, @Nullable String thumbMediaId,
            @Nullable String title, @Nullable String description) {
        return new WxCustomMessage(toUser, "video", fields("media_id", required(mediaId, "mediaId"),
                "thumb_media_id", thumbMediaId, "title", title, "description", description), false);
    }

    /** Music (Official Accounts only); {@code thumbMediaId} is an uploaded thumbnail. */
    public static WxCustomMessage music(String toUser, @Nullable String title, @Nullable String description,
            String musicUrl, @Nullable String hqMusicUrl, String thumbMediaId) {
        return new WxCustomMessage(toUser, "music", fields("title", title, "description", description,
                "musicurl", required(musicUrl, "musicUrl"), "hqmusicurl", hqMusicUrl,
                "thumb_media_id", required(thumbMediaId, "thumbMediaId")), true);
    }

    /** News with links; Official Accounts show one article, WeCom up to 8. */
    public static WxCustomMessage news(String toUser, List<Article> articles) {
        Objects.requireNonNull(articles, "articles must not be null");
        if (articles.isEmpty() || articles.size() > MAX_ARTICLES) {
            throw new IllegalArgumentException("news needs 1 to " + MAX_ARTICLES + " articles, got " + articles.size());
        }
        ArrayNode items = JSON.arrayNode();
        for (Article article : articles) {
            items.add(Objects.requireNonNull(article, "articles must not contain null").toJson());
        }
        ObjectNode news = JSON.objectNode();
        news.set("articles", items);
        return new WxCustomMessage(toUser, "news", news, false);
    }

    /** A published article (图文消息) by its {@code mediaId} (Official Accounts only). */
    public static WxCustomMessage mpNews(String toUser, String mediaId) {
        return new WxCustomMessage(toUser, "mpnews", fields("media_id", required(mediaId, "mediaId")), true);
    }

    /** The recipient: an openid, for WeCom a UserID (or several joined by {@code |}, or {@code @all}). */
    public String toUser() {
        return toUser;
    }

    /** The {@code msgtype}, e.g. {@code text}. */
    public String msgType() {
        return msgType;
    }

    /**
     * The request body for the given platform.
     *
     * @param agentId the WeCom app that sends it; ignored for Official Accounts
     */
    ObjectNode toJson(WxApiType type, Integer agentId) {
        ObjectNode json = JSON.objectNode().put("touser", toUser).put("msgtype", msgType);
        if (type == WxApiType.CP) {
            if (officialAccountOnly) {
                throw new IllegalArgumentException("WeCom app messages have no " + msgType
                        + " type: send text, image, voice, video or news");
            }
            if (agentId == null) {
                throw new IllegalStateException("sending WeCom app messages needs the app's AgentId: set agentId"
                        + " in WxApiConfig");
            }
            json.put("agentid", agentId);
        }
        json.set(msgType, content);
        return json;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WxCustomMessage that && toUser.equals(that.toUser) && msgType.equals(that.msgType)
                && content.equals(that.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(toUser, msgType, content);
    }

    @Override
    public String toString() {
        return "WxCustomMessage[to=" + toUser + ", " + msgType + "=" + content + "]";
    }

    private static String required(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /** An object of the non-null values among name/value pairs, in order. */
    private static ObjectNode fields(String... namesAndValues) {
        ObjectNode node = JSON.objectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                node.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return node;
    }

    /**
     * One article of a {@link #news news} message.
     *
     * @param title required
     * @param description optional
     * @param url where tapping it leads; optional
     * @param picUrl its picture (JPG or PNG); optional
     */
    public record Article(String title, @Nullable String description, @Nullable String url,
            @Nullable String picUrl) {

        public Article {
            required(title, "title");
        }

        ObjectNode toJson() {
            return fields("title", title, "description", description, "url", url, "picurl", picUrl);
        }
    }
}
