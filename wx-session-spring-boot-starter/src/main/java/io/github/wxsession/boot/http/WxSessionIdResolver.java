package io.github.wxsession.boot.http;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * Finds the session id a request carries, looking, in this order, at the header, the cookie and
 * the URL path parameter, each as configured and each possibly off; the first one present wins,
 * valid or not, so a stale header is never silently replaced by a cookie. Also sets and clears
 * the cookie.
 */
public final class WxSessionIdResolver {

    private final @Nullable String headerName;
    private final @Nullable String cookieName;
    private final boolean cookieSecure;
    private final String cookieSameSite;
    private final @Nullable String pathParameter;

    /**
     * The settings of {@code wx.http-session.header}, {@code .cookie} and {@code .url}; a name that
     * is {@code null} turns that place off.
     *
     * @param headerName the request header that carries the id, or {@code null}
     * @param cookieName the cookie that carries the id, set at login and cleared at logout, or {@code null}
     * @param cookieSecure whether the cookie is marked Secure
     * @param cookieSameSite the cookie's SameSite attribute
     * @param pathParameterName the path parameter ({@code ;name=id}) that carries the id, or {@code null}
     */
    public WxSessionIdResolver(@Nullable String headerName, @Nullable String cookieName, boolean cookieSecure,
            String cookieSameSite, @Nullable String pathParameterName) {
        this.headerName = headerName;
        this.cookieName = cookieName;
        this.cookieSecure = cookieSecure;
        this.cookieSameSite = cookieSameSite;
        // Matched against the raw request URI: Spring's path matching drops ';' parameters.
        this.pathParameter = pathParameterName == null ? null : ";" + pathParameterName + "=";
    }

    /** The id the request presents, or {@code null} if it carries none. */
    public @Nullable String resolve(HttpServletRequest request) {
        if (headerName != null) {
            String id = request.getHeader(headerName);
            if (id != null && !id.isEmpty()) {
                return id;
            }
        }
        if (cookieName != null) {
            String id = fromCookies(request.getCookies());
            if (id != null) {
                return id;
            }
        }
        return pathParameter == null ? null : fromPath(request.getRequestURI());
    }

    /** Hands {@code sessionId} to a cookie-using client; does nothing when cookies are off. */
    public void issue(HttpServletRequest request, HttpServletResponse response, String sessionId) {
        if (cookieName != null) {
            response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, sessionId, -1).toString());
        }
    }

    /** Tells a cookie-using client to drop the cookie; does nothing when cookies are off. */
    public void clear(HttpServletRequest request, HttpServletResponse response) {
        if (cookieName != null) {
            response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, "", 0).toString());
        }
    }

    private ResponseCookie cookie(HttpServletRequest request, String value, long maxAgeSeconds) {
        String path = request.getContextPath();
        return ResponseCookie.from(cookieName, value)
                .httpOnly(true)
                .secure(cookieSecure)
                .sameSite(cookieSameSite)
                .path(path == null || path.isEmpty() ? "/" : path)
                .maxAge(maxAgeSeconds)
                .build();
    }

    private String fromCookies(Cookie[] cookies) {
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (cookieName.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    private String fromPath(String uri) {
        int start = uri == null ? -1 : uri.indexOf(pathParameter);
        if (start < 0) {
            return null;
        }
        start += pathParameter.length();
        int end = start;
        while (end < uri.length() && uri.charAt(end) != ';' && uri.charAt(end) != '/') {
            end++;
        }
        return end > start ? uri.substring(start, end) : null;
    }
}
