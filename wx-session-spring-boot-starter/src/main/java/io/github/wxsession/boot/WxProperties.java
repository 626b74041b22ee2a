package io.github.wxsession.boot;

import io.github.wxsession.router.WxLateReply;
import io.github.wxsession.router.WxMessageRouter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code wx.*}: one account ({@code wx.app-id} …, inherited) or several
 * ({@code wx.accounts.<name>.*}), the callback endpoint, the API client, sessions, routing, and
 * sessions for HTTP APIs.
 */
@ConfigurationProperties("wx")
public class WxProperties extends WxAccountProperties {

    /**
     * Several accounts by name, each served at {@code <wx.callback.path>/<app-id>}. When set,
     * the single-account properties above must be left empty.
     */
    private Map<String, Account> accounts = new LinkedHashMap<>();

    private final Callback callback = new Callback();

    private final Api api = new Api();

    private final Session session = new Session();

    private final Router router = new Router();

    /** Sessions for mini-program and app HTTP APIs. */
    @NestedConfigurationProperty
    private final WxHttpSessionProperties httpSession = new WxHttpSessionProperties();

    public Map<String, Account> getAccounts() {
        return accounts;
    }

    public void setAccounts(Map<String, Account> accounts) {
        this.accounts = accounts;
    }

    public Callback getCallback() {
        return callback;
    }

    public Api getApi() {
        return api;
    }

    public Session getSession() {
        return session;
    }

    public Router getRouter() {
        return router;
    }

    public WxHttpSessionProperties getHttpSession() {
        return httpSession;
    }

    /** One of several accounts under {@code wx.accounts.<name>}. */
    public static class Account extends WxAccountProperties {

        /** API root for this account; defaults to {@code wx.api.base-url}, else the official one. */
        private String apiBaseUrl;

        /**
         * Refuse this account's POSTs that are not encrypted with a valid msg_signature (403); unset:
         * wx.callback.require-encryption.
         */
        private Boolean requireEncryption;

        public Boolean getRequireEncryption() {
            return requireEncryption;
        }

        public void setRequireEncryption(Boolean requireEncryption) {
            this.requireEncryption = requireEncryption;
        }

        public String getApiBaseUrl() {
            return apiBaseUrl;
        }

        public void setApiBaseUrl(String apiBaseUrl) {
            this.apiBaseUrl = apiBaseUrl;
        }
    }

    /** The callback endpoint WeChat calls. */
    public static class Callback {

        /** Path of the callback endpoint (GET verifies the URL, POST delivers messages). */
        private String path = "/wx/callback";

        /** Largest request body accepted; a larger one is answered 413. */
        private DataSize maxBodySize = DataSize.ofMegabytes(1);

        /**
         * Remove the Jackson XML converter Spring MVC adds because jackson-dataformat-xml (which
         * the starter needs) is present, so other endpoints answer as they did without the starter.
         */
        private boolean removeXmlConverter = true;

        /**
         * How far a signed timestamp may be from the server clock, either way, before the request is
         * refused (403) as a possible replay; 0 turns the check off.
         */
        private Duration timestampTolerance = Duration.ofMinutes(5);

        /**
         * Refuse POSTs that are not encrypted (encrypt_type=aes with a valid msg_signature) with 403, so
         * a plaintext message cannot stand in for safe mode; turn on with the admin console's safe mode.
         */
        private boolean requireEncryption;

        public Duration getTimestampTolerance() {
            return timestampTolerance;
        }

        public void setTimestampTolerance(Duration timestampTolerance) {
            this.timestampTolerance = timestampTolerance;
        }

        public boolean isRequireEncryption() {
            return requireEncryption;
        }

        public void setRequireEncryption(boolean requireEncryption) {
            this.requireEncryption = requireEncryption;
        }

        public boolean isRemoveXmlConverter() {
            return removeXmlConverter;
        }

        public void setRemoveXmlConverter(boolean removeXmlConverter) {
            this.removeXmlConverter = removeXmlConverter;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }
    }

    /** The WeChat HTTP API client. */
    public static class Api {

        /** API root, e.g. a local emulator; defaults to the official one of each account's type. */
        private String baseUrl;

        /** Fetch access tokens from cgi-bin/stable_token instead of cgi-bin/token (Official Accounts only). */
        private boolean stableToken;

        /** Time allowed to open a connection to the API. */
        private Duration connectTimeout = Duration.ofSeconds(5);

        /** Time allowed for the API to answer. */
        private Duration readTimeout = Duration.ofSeconds(10);

        /** First wait after a "system busy" (-1) answer; doubled on each retry. */
        private Duration retryBackoff = Duration.ofSeconds(1);

        /** Retries after a "system busy" answer or a GET that failed in transit. */
        private int maxRetries = 5;

        public String getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public boolean isStableToken() {
            return stableToken;
        }

        public void setStableToken(boolean stableToken) {
            this.stableToken = stableToken;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getReadTimeout() {
            return readTimeout;
        }

        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        public Duration getRetryBackoff() {
            return retryBackoff;
        }

        public void setRetryBackoff(Duration retryBackoff) {
            this.retryBackoff = retryBackoff;
        }

        public int getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
        }
    }

    /** Where sessions, de-duplication records and tokens live, and how long sessions last. */
    public static class Session {

        /** {@code memory} for one node, {@code redis} for a cluster; de-duplication and token storage follow it. */
        private StoreType storeType = StoreType.MEMORY;

        /** Idle time after which a session expires; zero or negative: never. */
        private Duration timeout = Duration.ofMinutes(30);

        /** Most live sessions per account; unlimited when not set. */
        private Integer maxActive;

        /** Time between two background sweeps for expired sessions. */
        private Duration sweepInterval = Duration.ofSeconds(60);

        private final Redis redis = new Redis();

        public Redis getRedis() {
            return redis;
        }

        public StoreType getStoreType() {
            return storeType;
        }

        public void setStoreType(StoreType storeType) {
            this.storeType = storeType;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public Integer getMaxActive() {
            return maxActive;
        }

        public void setMaxActive(Integer maxActive) {
            this.maxActive = maxActive;
        }

        public Duration getSweepInterval() {
            return sweepInterval;
        }

        public void setSweepInterval(Duration sweepInterval) {
            this.sweepInterval = sweepInterval;
        }
    }

    /** Redis specifics, used with {@code wx.session.store-type=redis}. */
    public static class Redis {

        /** First part of every key the starter writes. */
        private String namespace = "wx";

        /**
         * How long a session's data outlives its timeout, so the expiry sweep can still read it: at
         * least half of it, since an access sets the key's time to live again only once half of it
         * has passed. Keep half of it above the sweep interval.
         */
        private Duration expiryGrace = Duration.ofMinutes(5);

        /**
         * How long RedisWxSessionStore.openScope(id, true) waits for a session's lock. Messages wait for
         * their sender's lock up to wx.router.duplicate-wait.
         */
        private Duration lockWait = Duration.ofSeconds(4);

        /**
         * How long a sender's lock lives without renewal, by Redis's clock; renewed every third of it
         * while a handler runs, so only a crashed or frozen instance blocks a user this long.
         */
        private Duration lockLease = Duration.ofSeconds(10);

        /**
         * Packages whose types may be stored as session attributes, besides java.lang, java.util
         * and java.time; anything else is refused, never deserialized.
         */
        private List<String> allowedPackages = new ArrayList<>();

        public String getNamespace() {
            return namespace;
        }

        public void setNamespace(String namespace) {
            this.namespace = namespace;
        }

        public Duration getExpiryGrace() {
            return expiryGrace;
        }

        public void setExpiryGrace(Duration expiryGrace) {
            this.expiryGrace = expiryGrace;
        }

        public Duration getLockWait() {
            return lockWait;
        }

        public void setLockWait(Duration lockWait) {
            this.lockWait = lockWait;
        }

        public Duration getLockLease() {
            return lockLease;
        }

        public void setLockLease(Duration lockLease) {
            this.lockLease = lockLease;
        }

        public List<String> getAllowedPackages() {
            return allowedPackages;
        }

        public void setAllowedPackages(List<String> allowedPackages) {
            this.allowedPackages = allowedPackages;
        }
    }

    /** Kinds of shared-state store. */
    public enum StoreType {

        /** In this JVM: one node. */
        MEMORY,

        /** In Redis, through the application's RedisConnectionFactory: any number of nodes. */
        REDIS
    }

    /** Message routing. */
    public static class Router {

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
        private Integer asyncThreads;

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
        public Integer getAsyncThreads() {
            return asyncThreads;
        }

        /** @deprecated since 0.1.0, use {@link #setAsyncConcurrency(int)} */
        @Deprecated(since = "0.1.0")
        public void setAsyncThreads(Integer asyncThreads) {
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
}
