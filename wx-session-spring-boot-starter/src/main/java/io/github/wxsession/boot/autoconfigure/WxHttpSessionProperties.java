package io.github.wxsession.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code wx.http-session.*}: sessions for mini-program and app HTTP APIs, created
 * by a login with a {@code code} and carried by the client in a header, a cookie or the URL.
 * Read by {@link WxHttpSessionAutoConfiguration}, which hands the components of
 * {@code io.github.wxsession.boot.http} plain values, so that package never depends on this one.
 */
@ConfigurationProperties("wx.http-session")
public class WxHttpSessionProperties {

    /**
     * Serve login and check sessions on the protected paths. Off unless asked for, so adding the
     * starter to a bot never locks the application's own endpoints.
     */
    private boolean enabled;

    /** Account whose session store and code2Session serve HTTP clients; needed with several accounts. */
    private @Nullable String account;

    /** Path patterns whose requests need a valid session; none when empty. */
    private List<String> protectedPaths = new ArrayList<>(List.of("/api/**"));

    /** Path patterns exempt from the check even when they match a protected pattern. */
    private List<String> publicPaths = new ArrayList<>();

    /** The {@code code} of the 401 answer for a missing, expired, unknown or refused session. */
    private int unauthorizedCode = -100;

    /** The {@code message} of the 401 answer. */
    private String unauthorizedMessage = "session invalid or expired, log in again";

    private final Header header = new Header();

    private final Cookie cookie = new Cookie();

    private final Url url = new Url();

    private final Login login = new Login();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getAccount() {
        return account;
    }

    public void setAccount(@Nullable String account) {
        this.account = account;
    }

    public List<String> getProtectedPaths() {
        return protectedPaths;
    }

    public void setProtectedPaths(List<String> protectedPaths) {
        this.protectedPaths = protectedPaths;
    }

    public List<String> getPublicPaths() {
        return publicPaths;
    }

    public void setPublicPaths(List<String> publicPaths) {
        this.publicPaths = publicPaths;
    }

    public int getUnauthorizedCode() {
        return unauthorizedCode;
    }

    public void setUnauthorizedCode(int unauthorizedCode) {
        this.unauthorizedCode = unauthorizedCode;
    }

    public String getUnauthorizedMessage() {
        return unauthorizedMessage;
    }

    public void setUnauthorizedMessage(String unauthorizedMessage) {
        this.unauthorizedMessage = unauthorizedMessage;
    }

    public Header getHeader() {
        return header;
    }

    public Cookie getCookie() {
        return cookie;
    }

    public Url getUrl() {
        return url;
    }

    public Login getLogin() {
        return login;
    }

    /** The session id in a request header: the first place looked at. */
    public static class Header {

        /** Read the session id from the header. */
        private boolean enabled = true;

        /** Name of the header. */
        private String name = "X-WX-SESSION";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    /** The session id in a cookie (HttpOnly, SameSite=Lax), set by login: looked at second. */
    public static class Cookie {

        /** Read the session id from the cookie, and set the cookie at login. */
        private boolean enabled;

        /** Name of the cookie. */
        private String name = "WXSESSIONID";

        /** Mark the cookie Secure (sent over HTTPS only). */
        private boolean secure = true;

        /** The cookie's SameSite attribute. */
        private String sameSite = "Lax";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public boolean isSecure() {
            return secure;
        }

        public void setSecure(boolean secure) {
            this.secure = secure;
        }

        public String getSameSite() {
            return sameSite;
        }

        public void setSameSite(String sameSite) {
            this.sameSite = sameSite;
        }
    }

    /** The session id as a path parameter, {@code /api/orders;wxsessionid=…}: looked at last. */
    public static class Url {

        /**
         * Read the session id from the path parameter; off because ids in URLs end up in access logs,
         * proxies and Referer headers. Only for clients that can send neither a header nor a cookie.
         */
        private boolean enabled;

        /** Name of the path parameter. */
        private String parameter = "wxsessionid";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getParameter() {
            return parameter;
        }

        public void setParameter(String parameter) {
            this.parameter = parameter;
        }
    }

    /** The login and logout endpoints. */
    public static class Login {

        /** Serve the login and logout endpoints. */
        private boolean enabled = true;

        /** Path of the login endpoint (POST, with the {@code code} from wx.login()). */
        private String path = "/wx/login";

        /** Path of the logout endpoint (POST). */
        private String logoutPath = "/wx/logout";

        /** The {@code code} of the 403 answer when a WxLoginHandler refuses the login. */
        private int refusedCode = -101;

        /** The {@code message} of the 403 answer when the refusal gives none. */
        private String refusedMessage = "login refused";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public String getLogoutPath() {
            return logoutPath;
        }

        public void setLogoutPath(String logoutPath) {
            this.logoutPath = logoutPath;
        }

        public int getRefusedCode() {
            return refusedCode;
        }

        public void setRefusedCode(int refusedCode) {
            this.refusedCode = refusedCode;
        }

        public String getRefusedMessage() {
            return refusedMessage;
        }

        public void setRefusedMessage(String refusedMessage) {
            this.refusedMessage = refusedMessage;
        }
    }
}
