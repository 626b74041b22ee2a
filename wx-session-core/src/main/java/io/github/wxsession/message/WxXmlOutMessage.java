package io.github.wxsession.message;

import io.github.wxsession.message.WxReplyBody.Article;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A passive reply: the XML body of the callback's response. Immutable and thread-safe.
 *
 * <p>Reply to an inbound message with
 * <pre>{@code
 * return WxXmlOutMessage.replyTo(message).text("Hello");
 * }</pre>
 * which addresses the reply back to the sender ({@code ToUserName} = inbound
 * {@code FromUserName}, {@code FromUserName} = inbound {@code ToUserName}) and stamps the
 * current time; {@link #builder()} sets everything explicitly. {@link #toXml()} writes the
 * exact format of WeChat's documentation, without indentation.
 */
public final class WxXmlOutMessage {

    private final String toUserName;
    private final String fromUserName;
    private final long createTime;
    private final WxReplyBody body;
    // Rendered on first use; a racy second rendering yields an equal String, which is harmless.
    private String xml;

    private WxXmlOutMessage(Builder builder, WxReplyBody body) {
        this.toUserName = XmlChars.required(builder.toUserName,
                "toUserName (the user's OpenID; replyTo(inbound) sets it)");
        this.fromUserName = XmlChars.required(builder.fromUserName,
                "fromUserName (the account's id; replyTo(inbound) sets it)");
        if (builder.createTime < 0) {
            throw new IllegalArgumentException("createTime must be set to epoch seconds (>= 0), was " + builder.createTime);
        }
        this.createTime = builder.createTime;
        this.body = Objects.requireNonNull(body, "body must not be null");
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder addressed back to the sender of {@code inbound}, created now by the system clock. */
    public static Builder replyTo(WxXmlMessage inbound) {
        return replyTo(inbound, Clock.systemUTC());
    }

    /** A builder addressed back to the sender of {@code inbound}, created now by {@code clock}. */
    public static Builder replyTo(WxXmlMessage inbound, Clock clock) {
        Objects.requireNonNull(inbound, "inbound must not be null");
        return builder()
                .toUserName(inbound.getFromUserName())
                .fromUserName(inbound.getToUserName())
                .createTime(clock.instant().getEpochSecond());
    }

    /**
     * Reads a reply written by {@link #toXml()} back, e.g. one cached by the de-duplication
     * store; {@code fromXml(m.toXml())} equals {@code m}.
     *
     * @throws WxMessageParseException if {@code xml} is not such a reply
     */
    public static WxXmlOutMessage fromXml(String xml) {
        return WxReplyXmlReader.read(xml);
    }

    /** {@code ToUserName}: the user the reply goes to. */
    public String getToUserName() {
        return toUserName;
    }

    /** {@code FromUserName}: the account replying. */
    public String getFromUserName() {
        return fromUserName;
    }

    /** {@code CreateTime} in epoch seconds. */
    public long getCreateTime() {
        return createTime;
    }

    /** {@code MsgType}, from the body. */
    public String getMsgType() {
        return body.msgType();
    }

    /** What the reply says. */
    public WxReplyBody getBody() {
        return body;
    }

    /** The reply as WeChat expects it in the response body (before any encryption). */
    public String toXml() {
        String rendered = xml;
        if (rendered == null) {
            rendered = WxReplyXmlWriter.write(this);
            xml = rendered;
        }
        return rendered;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WxXmlOutMessage that
                && createTime == that.createTime
                && toUserName.equals(that.toUserName)
                && fromUserName.equals(that.fromUserName)
                && body.equals(that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(toUserName, fromUserName, createTime, body);
    }

    @Override
    public String toString() {
        return "WxXmlOutMessage{to=" + toUserName + ", from=" + fromUserName + ", createTime=" + createTime
                + ", " + body + "}";
    }

    /**
     * Collects the addressing, then ends with the content: {@link #text(String)},
     * {@link #news(Article...)}, … or {@link #build(WxReplyBody)} for any body.
     */
    public static final class Builder {

        private String toUserName;
        private String fromUserName;
        private long createTime = -1;

        private Builder() {
        }

        /** The user's OpenID (WeCom: UserID). */
        public Builder toUserName(String toUserName) {
            this.toUserName = toUserName;
            return this;
        }

        /** The account's original id {@code gh_…} (WeCom: the CorpID). */
        public Builder fromUserName(String fromUserName) {
            this.fromUserName = fromUserName;
            return this;
        }

        /** Epoch seconds. */
        public Builder createTime(long epochSeconds) {
            this.createTime = epochSeconds;
            return this;
        }

        /** The reply with this body. */
        public WxXmlOutMessage build(WxReplyBody body) {
            return new WxXmlOutMessage(this, body);
        }

        public WxXmlOutMessage text(String content) {
            return build(new WxReplyBody.Text(content));
        }

        public WxXmlOutMessage image(String mediaId) {
            return build(new WxReplyBody.Image(mediaId));
        }

        public WxXmlOutMessage voice(String mediaId) {
            return build(new WxReplyBody.Voice(mediaId));
        }

        /** A video; {@code title} and {@code description} may be {@code null}. */
        public WxXmlOutMessage video(String mediaId, @Nullable String title, @Nullable String description) {
            return build(new WxReplyBody.Video(mediaId, title, description));
        }

        /** Music; see {@link WxReplyBody.Music#builder()}. */
        public WxXmlOutMessage music(WxReplyBody.Music music) {
            return build(music);
        }

        /** 1 to {@value WxReplyBody.News#MAX_ARTICLES} articles. */
        public WxXmlOutMessage news(List<Article> articles) {
            return build(new WxReplyBody.News(articles));
        }

        /** 1 to {@value WxReplyBody.News#MAX_ARTICLES} articles. */
        public WxXmlOutMessage news(Article... articles) {
            return news(List.of(articles));
        }

        /** Hands the conversation to any customer-service agent. */
        /** A WeCom AI bot's template card, its JSON object; see {@link WxReplyBody.TemplateCard}. */
        public WxXmlOutMessage templateCard(String cardJson) {
            return build(new WxReplyBody.TemplateCard(cardJson));
        }

        public WxXmlOutMessage transferCustomerService() {
            return build(new WxReplyBody.TransferCustomerService(null));
        }

        /** Hands the conversation to the customer-service agent {@code kfAccount}, e.g. {@code test1@test}. */
        public WxXmlOutMessage transferCustomerService(String kfAccount) {
            if (kfAccount == null) {
                throw new IllegalArgumentException("kfAccount must not be null; use transferCustomerService() for any agent");
            }
            return build(new WxReplyBody.TransferCustomerService(kfAccount));
        }
    }
}
