package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.router.WxLateReply;
import io.github.wxsession.router.WxMessageRouter;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

/** Settings under {@code wx.router.*}: how each account's router handles messages. */
@ConfigurationProperties("wx.router")
public class WxRouterProperties {

    /**
     * Async handlers that run at once per account; more wait in the queue. Each runs on its own
     * virtual thread when spring.threads.virtual.enabled is set on Java 21 or later, otherwise
     * on a pool that grows to this size as messages arrive and shrinks when idle.
     */
    private int asyncConcurrency = 200;

    // Set when async-concurrency is configured, so that it wins over the deprecated async-threads
    // whatever order the binder sets them in.
    private boolean asyncConcurrencySet;

    /** The former name of async-concurrency, honoured when that is not set. */
    private @Nullable Integer asyncThreads;

    /**
     * Async messages waiting beyond async-concurrency; one more is refused (the callback answers
     * 500 and WeChat retries), never dropped silently.
     */
    private int asyncQueueCapacity = 1000;

    /** How long shutdown waits for queued async messages. */
    private Duration asyncShutdownTimeout = Duration.ofSeconds(10);

    /** How long a handled message's reply is kept to answer WeChat's retries. */
    private Duration duplicateTtl = Duration.ofSeconds(60);

    /**
     * How long a delivery waits for an earlier delivery of its message, and for its sender's
     * previous message, before it is answered 503 (WeChat gives up after 5 s).
     */
    private Duration duplicateWait = Duration.ofSeconds(4);

    /**
     * How long a synchronous handler runs before its reply is late; must be shorter than
     * WeChat's 5 s timeout. What happens then is late-reply's business.
     */
    private Duration replyTimeout = Duration.ofSeconds(4);

    /**
     * What happens to the reply of a synchronous handler still running at the reply deadline:
     * customer-service (answer "success" at once, send the reply through the customer-service
     * API when it is ready) or retries (let WeChat retry, answer a retry with the reply, or
     * park it for the user's next message); a @WxHandler can choose its own.
     */
    private WxLateReply lateReply = WxLateReply.CUSTOMER_SERVICE;

    /**
     * The text WeChat's last retry is answered with, in retries mode, when the handler is still
     * running; its reply then answers the user's next message.
     */
    private String lateReplyPlaceholder = WxMessageRouter.DEFAULT_LATE_REPLY_PLACEHOLDER;

    public int getAsyncConcurrency() {
        return asyncThreads != null && !asyncConcurrencySet ? asyncThreads : asyncConcurrency;
    }

    public void setAsyncConcurrency(int asyncConcurrency) {
        this.asyncConcurrency = asyncConcurrency;
        this.asyncConcurrencySet = true;
    }

    /** @deprecated since 0.1.0, use {@link #getAsyncConcurrency()}: async handlers are no longer a fixed pool */
    @Deprecated(since = "0.1.0")
    @DeprecatedConfigurationProperty(replacement = "wx.router.async-concurrency", since = "0.1.0",
            reason = "Async handlers are bounded by how many run at once, not by a fixed pool of threads")
    public @Nullable Integer getAsyncThreads() {
        return asyncThreads;
    }

    /** @deprecated since 0.1.0, use {@link #setAsyncConcurrency(int)} */
    @Deprecated(since = "0.1.0")
    public void setAsyncThreads(@Nullable Integer asyncThreads) {
        this.asyncThreads = asyncThreads;
    }

    public int getAsyncQueueCapacity() {
        return asyncQueueCapacity;
    }

    public void setAsyncQueueCapacity(int asyncQueueCapacity) {
        this.asyncQueueCapacity = asyncQueueCapacity;
    }

    public Duration getAsyncShutdownTimeout() {
        return asyncShutdownTimeout;
    }

    public void setAsyncShutdownTimeout(Duration asyncShutdownTimeout) {
        this.asyncShutdownTimeout = asyncShutdownTimeout;
    }

    public Duration getDuplicateTtl() {
        return duplicateTtl;
    }

    public void setDuplicateTtl(Duration duplicateTtl) {
        this.duplicateTtl = duplicateTtl;
    }

    public Duration getDuplicateWait() {
        return duplicateWait;
    }

    public void setDuplicateWait(Duration duplicateWait) {
        this.duplicateWait = duplicateWait;
    }

    public Duration getReplyTimeout() {
        return replyTimeout;
    }

    public void setReplyTimeout(Duration replyTimeout) {
        this.replyTimeout = replyTimeout;
    }

    public WxLateReply getLateReply() {
        return lateReply;
    }

    public void setLateReply(WxLateReply lateReply) {
        this.lateReply = lateReply;
    }

    public String getLateReplyPlaceholder() {
        return lateReplyPlaceholder;
    }

    public void setLateReplyPlaceholder(String lateReplyPlaceholder) {
        this.lateReplyPlaceholder = lateReplyPlaceholder;
    }
}
