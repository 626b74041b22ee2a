package io.github.wxsession.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wxsession.token.WxConfigStorage;
import io.github.wxsession.token.WxTokenType;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link WxService} over the JDK {@link HttpClient}, for Official Accounts, mini programs
 * ({@link WxApiType#MP}) and WeCom apps ({@link WxApiType#CP}).
 * <p>
 * Credentials live in the {@link WxConfigStorage}: share one storage per account between all
 * services of that account (and, with a shared store, between instances), so they fetch tokens
 * once. Failures without a WeChat {@code errcode} (I/O, a status other than 200, an answer that
 * is not JSON) are reported with errcode -1 and the cause attached. Thread-safe.
 */
public final class HttpWxService implements WxService {

    private static final String RESPONSE_PATH = "cgi-bin/aibot/response";

    private static final char[] NONCE_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int NONCE_LENGTH = 16;

    /** Shared by every service: thread-safe, and a thousand accounts should not hold a thousand of each. */
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WxApiConfig config;
    private final WxConfigStorage storage;
    private final ApiExecutor executor;
    private final CredentialRefresher accessTokens;
    private final CredentialRefresher jsapiTickets;

    /** A service with its own {@link HttpClient} using the configured connect timeout. */
    public HttpWxService(WxApiConfig config, WxConfigStorage storage) {
        this(config, storage, HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build());
    }

    /**
     * A service sending through {@code httpClient}, e.g. one with a proxy; the client's own
     * connect timeout applies then, the read timeout still comes from {@code config}.
     */
    public HttpWxService(WxApiConfig config, WxConfigStorage storage, HttpClient httpClient) {
        this.config = Objects.requireNonNull(config, "config must not be null");
        this.storage = Objects.requireNonNull(storage, "storage must not be null");
        Objects.requireNonNull(httpClient, "httpClient must not be null");
        HttpTransport transport = new HttpTransport(httpClient, config.baseUri(), config.readTimeout(), MAPPER);
        RetryPolicy retryPolicy = new RetryPolicy(config.retrySleepMillis(), config.maxRetryTimes(), config.sleeper());
        // The executor asks for the token lazily, once this constructor has finished.
        this.executor = new ApiExecutor(transport, retryPolicy, config.type(), storage, () -> getAccessToken(false),
                config.callListener());
        TokenEndpoints endpoints = new TokenEndpoints(executor, config, storage);
        this.accessTokens = new CredentialRefresher(storage, WxTokenType.ACCESS_TOKEN, endpoints::accessToken,
                config.refreshListener());
        this.jsapiTickets = new CredentialRefresher(storage, WxTokenType.JSAPI_TICKET, force -> endpoints.jsapiTicket(),
                config.refreshListener());
    }

    /** The configuration this service was built with. */
    public WxApiConfig getConfig() {
        return config;
    }

    /** The account and credential storage this service uses. */
    public WxConfigStorage getConfigStorage() {
        return storage;
    }

    @Override
    public String getAccessToken(boolean forceRefresh) throws WxErrorException {
        return accessTokens.get(forceRefresh);
    }

    @Override
    public String get(String path, Map<String, String> query) throws WxErrorException {
        return executor.execute(ApiRequest.get(path, Objects.requireNonNull(query, "query must not be null"))).body();
    }

    @Override
    public String post(String path, String jsonBody) throws WxErrorException {
        return executor.execute(ApiRequest.post(path, jsonBody)).body();
    }

    @Override
    public void sendCustomMessage(WxCustomMessage message) throws WxErrorException {
        Objects.requireNonNull(message, "message must not be null");
        String path = config.type() == WxApiType.CP ? "cgi-bin/message/send" : "cgi-bin/message/custom/send";
        executor.execute(ApiRequest.post(path, message.toJson(config.type(), config.agentId()).toString()));
    }

    @Override
    public void respond(String responseUrl, String json) throws WxErrorException {
        Objects.requireNonNull(json, "json must not be null");
        String code = responseCode(Objects.requireNonNull(responseUrl, "responseUrl must not be null"));
        executor.execute(ApiRequest.post(RESPONSE_PATH, json)
                .withQuery(ApiRequest.parameters("response_code", code))
                .withoutAccessToken());
    }

    /** The {@code response_code} of an AI bot's {@code response_url}. */
    private static String responseCode(String responseUrl) {
        URI url;
        try {
            url = URI.create(responseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a response_url: " + responseUrl, e);
        }
        String query = url.getRawQuery();
        if (url.getPath() == null || !url.getPath().endsWith("/" + RESPONSE_PATH) || query == null) {
            throw new IllegalArgumentException("not an AI bot's response_url (…/" + RESPONSE_PATH
                    + "?response_code=…): " + responseUrl);
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("response_code=")) {
                return URLDecoder.decode(pair.substring("response_code=".length()), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException("the response_url has no response_code: " + responseUrl);
    }

    @Override
    public String getJsapiTicket(boolean forceRefresh) throws WxErrorException {
        return jsapiTickets.get(forceRefresh);
    }

    @Override
    public WxJsapiSignature createJsapiSignature(String url) throws WxErrorException {
        long timestamp = config.clock().millis() / 1000;
        return WxJsapiSignature.sign(storage.getAppId(), getJsapiTicket(false), nonce(), timestamp, url);
    }

    @Override
    public WxCode2SessionResult code2Session(String jsCode) throws WxErrorException {
        if (config.type() != WxApiType.MP) {
            throw new IllegalStateException("code2Session is the mini-program login; this service is configured"
                    + " for WeCom (type " + config.type() + "): use type MP with the mini program's AppID");
        }
        if (jsCode == null || jsCode.isBlank()) {
            throw new IllegalArgumentException("jsCode is required: the code wx.login() returned in the mini program");
        }
        ApiRequest request = ApiRequest.get("sns/jscode2session", ApiRequest.parameters(
                "appid", storage.getAppId(), "secret", storage.getSecret(),
                "js_code", jsCode, "grant_type", "authorization_code")).withoutAccessToken().notIdempotent();
        ApiResponse response = executor.execute(request);
        return new WxCode2SessionResult(response.requireText("openid", request), response.optionalText("unionid"),
                response.requireText("session_key", request));
    }

    @Override
    public String toString() {
        return "HttpWxService[appId=" + storage.getAppId() + ", " + config + "]";
    }

    private String nonce() {
        char[] nonce = new char[NONCE_LENGTH];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = NONCE_ALPHABET[RANDOM.nextInt(NONCE_ALPHABET.length)];
        }
        return new String(nonce);
    }
}
