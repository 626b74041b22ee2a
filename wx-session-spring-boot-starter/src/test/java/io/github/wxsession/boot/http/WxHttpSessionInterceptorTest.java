package io.github.wxsession.boot.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccountSettings;
import io.github.wxsession.boot.account.WxAccountType;
import io.github.wxsession.boot.account.WxMessageFormat;
import io.github.wxsession.boot.metrics.WxMetrics;
import io.github.wxsession.session.InMemoryWxSessionStore;
import io.github.wxsession.session.WxSessionIdGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.util.ServletRequestPathUtils;

/** Which paths the check guards, without a server. */
class WxHttpSessionInterceptorTest {

    /** As wx.http-session.protected-paths and public-paths leave them by default. */
    private List<String> protectedPaths = List.of("/api/**");
    private List<String> publicPaths = List.of();

    private WxHttpSessionInterceptor interceptor() {
        WxAccount account = new WxAccount(new WxAccountSettings("default", "wx", WxAccountType.MP, "wxApp", "s", "t",
                null, null, null, false, WxMessageFormat.XML), null, null, new InMemoryWxSessionStore());
        WxHttpSessionRepository sessions = new WxHttpSessionRepository(account, WxHttpSessionScopes.passThrough(),
                WxSessionIdGenerator.secureRandom());
        WxSessionIdResolver ids = new WxSessionIdResolver("X-WX-SESSION", null, true, "Lax", null);
        return new WxHttpSessionInterceptor(sessions, ids, protectedPaths, publicPaths, -100,
                "session invalid or expired, log in again", List.of(), WxMetrics.NONE);
    }

    private static int status(WxHttpSessionInterceptor interceptor, String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        ServletRequestPathUtils.parseAndCache(request); // as the DispatcherServlet does
        MockHttpServletResponse response = new MockHttpServletResponse();
        boolean passed = interceptor.preHandle(request, response, new Object());
        return passed ? 200 : response.getStatus();
    }

    @Test
    void protectedPatternsMinusPublicOnesNeedASession() throws Exception {
        publicPaths = List.of("/api/health", "/api/docs/**");
        WxHttpSessionInterceptor interceptor = interceptor();

        assertThat(status(interceptor, "/api/orders/7")).isEqualTo(401);
        assertThat(status(interceptor, "/api")).isEqualTo(401);
        assertThat(status(interceptor, "/api/health")).isEqualTo(200);
        assertThat(status(interceptor, "/api/docs/a/b")).isEqualTo(200);
        assertThat(status(interceptor, "/shop/items")).isEqualTo(200);
    }

    @Test
    void noProtectedPatternProtectsNothingRatherThanEverything() throws Exception {
        protectedPaths = List.of();
        WxHttpSessionInterceptor interceptor = interceptor();

        assertThat(status(interceptor, "/api/orders")).isEqualTo(200);
        assertThat(status(interceptor, "/")).isEqualTo(200);
    }
}
