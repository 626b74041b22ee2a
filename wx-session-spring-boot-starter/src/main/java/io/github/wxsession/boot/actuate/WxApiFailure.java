package io.github.wxsession.boot.actuate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WeChat API call that failed, as a health check shows it.
 *
 * @param errcode WeChat's {@code errcode} (e.g. 40164: the server's IP is not on the account's
 *        whitelist; 45009: the API's daily quota is used up), or -1 for a failure without one
 * @param errmsg WeChat's {@code errmsg}, or what went wrong locally
 * @param path the API called, relative to the API root, e.g. {@code cgi-bin/message/custom/send}
 * @param at when the call ended
 */
public record WxApiFailure(int errcode, String errmsg, String path, Instant at) {

    /** As health details: every value a string or a number. */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("errcode", errcode);
        details.put("errmsg", errmsg);
        details.put("path", path);
        details.put("at", WxAccountHealth.shown(at));
        return details;
    }
}
