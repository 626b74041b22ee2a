package io.github.wxsession.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.wxsession.token.WxConfigStorage;
import java.util.Map;

/** The endpoints that issue credentials, per platform and token mode. */
final class TokenEndpoints {

    private final ApiExecutor executor;
    private final WxApiConfig config;
    private final WxConfigStorage storage;

    TokenEndpoints(ApiExecutor executor, WxApiConfig config, WxConfigStorage storage) {
        this.executor = executor;
        this.config = config;
        this.storage = storage;
    }

    /**
     * A new access token: WeCom {@code cgi-bin/gettoken}, or for Official Accounts
     * {@code cgi-bin/stable_token} in stable-token mode and {@code cgi-bin/token} otherwise.
     */
    CredentialRefresher.Fetched accessToken(boolean forceRefresh) throws WxErrorException {
        if (storage.getSecret().isEmpty()) {
            throw LocalErrors.noSecret(storage.getAppId());
        }
        ApiRequest request;
        if (config.type() == WxApiType.CP) {
            request = ApiRequest.get("cgi-bin/gettoken",
                    ApiRequest.parameters("corpid", storage.getAppId(), "corpsecret", storage.getSecret()));
        } else if (config.stableToken()) {
            ObjectNode body = JsonNodeFactory.instance.objectNode()
                    .put("grant_type", "client_credential")
                    .put("appid", storage.getAppId())
                    .put("secret", storage.getSecret())
                    .put("force_refresh", forceRefresh);
            request = ApiRequest.post("cgi-bin/stable_token", body.toString());
            // Without force_refresh it answers the current token again, so re-sending is harmless;
            // a forced refresh is rationed (20 a day) and must not be sent twice.
            if (!forceRefresh) {
                request = request.asIdempotent();
            }
        } else {
            request = ApiRequest.get("cgi-bin/token", ApiRequest.parameters("grant_type", "client_credential",
                    "appid", storage.getAppId(), "secret", storage.getSecret()));
        }
        return fetch(request.withoutAccessToken(), "access_token");
    }

    /** A new jsapi ticket: {@code cgi-bin/ticket/getticket?type=jsapi}, WeCom {@code cgi-bin/get_jsapi_ticket}. */
    CredentialRefresher.Fetched jsapiTicket() throws WxErrorException {
        ApiRequest request = config.type() == WxApiType.CP
                ? ApiRequest.get("cgi-bin/get_jsapi_ticket", Map.of())
                : ApiRequest.get("cgi-bin/ticket/getticket", Map.of("type", "jsapi"));
        return fetch(request, "ticket");
    }

    private CredentialRefresher.Fetched fetch(ApiRequest request, String field) throws WxErrorException {
        ApiResponse response = executor.execute(request);
        return new CredentialRefresher.Fetched(response.requireText(field, request),
                response.requirePositiveInt("expires_in", request));
    }
}
