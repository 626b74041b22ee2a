package io.github.wxsession.api;

import io.github.wxsession.token.WxConfigStorage;
import io.github.wxsession.token.WxTokenType;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * The one path every API call takes: append the access token, send, and turn the answer into a
 * result or a {@link WxErrorException}, recovering where WeChat's answer says how.
 * <ul>
 *   <li>Token rejected (40001 / 40014 / 42001): expire it only if it is still the stored one, so a
 *       token another thread already replaced is not thrown away; then retry once with the current.
 *   <li>Busy (-1): retry with exponential backoff; the final exception keeps errcode -1.
 *   <li>I/O failure: retry with backoff if re-sending is harmless (an idempotent call, or the
 *       connection never opened); otherwise fail at once, since WeChat may have applied it.
 *   <li>Anything else: fail at once, with what to fix when the code is a known one.
 * </ul>
 * Attempts are counted in local variables: nothing is shared between concurrent calls.
 */
final class ApiExecutor {

    private static final System.Logger LOG = System.getLogger(ApiExecutor.class.getName());

    /** Supplies the current access token, fetching it when needed. */
    @FunctionalInterface
    interface AccessTokenSource {
        String accessToken() throws WxErrorException;
    }

    private final HttpTransport transport;
    private final RetryPolicy retryPolicy;
    private final WxApiType type;
    private final WxConfigStorage storage;
    private final AccessTokenSource tokens;
    private final WxApiCallListener listener;

    ApiExecutor(HttpTransport transport, RetryPolicy retryPolicy, WxApiType type, WxConfigStorage storage,
            AccessTokenSource tokens, WxApiCallListener listener) {
        this.listener = listener;
        this.transport = transport;
        this.retryPolicy = retryPolicy;
        this.type = type;
        this.storage = storage;
        this.tokens = tokens;
    }

    /** Runs the call; returns only answers whose {@code errcode} is absent or 0. */
    ApiResponse execute(ApiRequest request) throws WxErrorException {
        WxApiCallListener.WxApiCall call = listener.started(request.path());
        ApiResponse response;
        try {
            response = attempt(request);
        } catch (WxErrorException e) {
            call.failed(e);
            throw e;
        }
        call.succeeded();
        return response;
    }

    private ApiResponse attempt(ApiRequest request) throws WxErrorException {
        int retries = 0;
        boolean tokenRefreshed = false;
        while (true) {
            String token = request.withAccessToken() ? tokens.accessToken() : null;
            ApiResponse response;
            try {
                response = transport.send(request, token);
            } catch (IOException e) {
                if (!request.idempotent() && !HttpTransport.neverSent(e)) {
                    throw LocalErrors.outcomeUnknown(request, e);
                }
                if (!backOff(request, retries, e.toString())) {
                    throw LocalErrors.ioFailure(request, e, retries);
                }
                retries++;
                continue;
            } catch (InterruptedException e) {
                throw LocalErrors.interrupted("calling " + request.describe(), e);
            }

            int code = response.errorCode();
            if (code == 0) {
                return response;
            }
            if (token != null && !tokenRefreshed && WxErrorCodes.isTokenRejected(code)) {
                tokenRefreshed = true;
                boolean expired = storage.expireCredentialIfCurrent(WxTokenType.ACCESS_TOKEN, token);
                LOG.log(Level.DEBUG, () -> request.describe() + " rejected the access token (errcode " + code + ");"
                        + (expired ? " expired it" : " it was already replaced") + ", retrying once");
                continue;
            }
            if (WxErrorCodes.isBusy(code) && backOff(request, retries, "errcode -1 (busy)")) {
                retries++;
                continue;
            }
            throw WxErrorCodes.exception(request, response.error(), type, tokenRefreshed);
        }
    }

    private boolean backOff(ApiRequest request, int retry, String reason) throws WxErrorException {
        if (!retryPolicy.allows(retry)) {
            return false;
        }
        LOG.log(Level.INFO, () -> request.describe() + " got " + reason + "; retry " + (retry + 1)
                + " in " + retryPolicy.delay(retry).toMillis() + " ms");
        try {
            retryPolicy.await(retry);
        } catch (InterruptedException e) {
            throw LocalErrors.interrupted("waiting to retry " + request.describe(), e);
        }
        return true;
    }
}
