package io.github.wxsession.boot.account;

import io.github.wxsession.api.WxCode2SessionResult;
import io.github.wxsession.api.WxCustomMessage;
import io.github.wxsession.api.WxErrorException;
import io.github.wxsession.api.WxJsapiSignature;
import io.github.wxsession.api.WxService;
import java.util.Map;

/**
 * The API client of an account as handlers, routers and beans hold it: each call goes to the
 * client of the account's current credentials, so a rotated secret takes effect without anyone
 * asking for the client again.
 */
final class RotatingWxService implements WxService {

    private volatile WxService current;

    RotatingWxService(WxService current) {
        this.current = current;
    }

    void rotate(WxService next) {
        current = next;
    }

    WxService current() {
        return current;
    }

    @Override
    public String getAccessToken(boolean forceRefresh) throws WxErrorException {
        return current.getAccessToken(forceRefresh);
    }

    @Override
    public String get(String path, Map<String, String> query) throws WxErrorException {
        return current.get(path, query);
    }

    @Override
    public String post(String path, String jsonBody) throws WxErrorException {
        return current.post(path, jsonBody);
    }

    @Override
    public void sendCustomMessage(WxCustomMessage message) throws WxErrorException {
        current.sendCustomMessage(message);
    }

    @Override
    public void respond(String responseUrl, String json) throws WxErrorException {
        current.respond(responseUrl, json);
    }

    @Override
    public String getJsapiTicket(boolean forceRefresh) throws WxErrorException {
        return current.getJsapiTicket(forceRefresh);
    }

    @Override
    public WxJsapiSignature createJsapiSignature(String url) throws WxErrorException {
        return current.createJsapiSignature(url);
    }

    @Override
    public WxCode2SessionResult code2Session(String jsCode) throws WxErrorException {
        return current.code2Session(jsCode);
    }

    @Override
    public String toString() {
        return current.toString();
    }
}
