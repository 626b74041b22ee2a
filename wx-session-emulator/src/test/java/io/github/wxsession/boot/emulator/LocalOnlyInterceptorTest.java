package io.github.wxsession.boot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Who may use the emulator: this machine's own browser and the application itself, nobody else. */
class LocalOnlyInterceptorTest {

    private static MockHttpServletRequest request(String remoteAddr, String host) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/wx-emulator");
        request.setRemoteAddr(remoteAddr);
        request.setServerName(host);
        return request;
    }

    private static MockHttpServletResponse handle(boolean allowRemote, MockHttpServletRequest request)
            throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        boolean proceed = new LocalOnlyInterceptor(allowRemote).preHandle(request, response, new Object());
        assertThat(proceed).isEqualTo(response.getStatus() == 200);
        return response;
    }

    @Test
    void loopbackClientsAddressingALoopbackHostGetThrough() throws Exception {
        assertThat(handle(false, request("127.0.0.1", "localhost")).getStatus()).isEqualTo(200);
        assertThat(handle(false, request("127.0.1.7", "127.0.0.1")).getStatus()).isEqualTo(200);
        assertThat(handle(false, request("0:0:0:0:0:0:0:1", "[::1]")).getStatus()).isEqualTo(200);
        assertThat(handle(false, request("::1", "app.localhost")).getStatus()).isEqualTo(200);
    }

    @Test
    void aClientOnAnotherHostIsForbiddenAndToldHowToAllowIt() throws Exception {
        MockHttpServletResponse response = handle(false, request("192.168.1.20", "localhost"));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("192.168.1.20").contains("wx.emulator.allow-remote=true");
    }

    @Test
    void aRequestThroughAProxyIsForbiddenEvenFromLoopback() throws Exception {
        MockHttpServletRequest proxied = request("127.0.0.1", "localhost");
        proxied.addHeader("X-Forwarded-For", "203.0.113.9");

        assertThat(handle(false, proxied).getStatus()).isEqualTo(403);
    }

    @Test
    void aForeignHostNameIsForbiddenSoAWebPageCannotRebindItsDomainToLoopback() throws Exception {
        MockHttpServletResponse response = handle(false, request("127.0.0.1", "attacker.example"));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("attacker.example");
    }

    @Test
    void aRequestThatArrivedOnANonLoopbackAddressIsForbiddenWhateverItsClientAddressSays() throws Exception {
        MockHttpServletRequest rewritten = request("127.0.0.1", "localhost");
        rewritten.setLocalAddr("10.1.2.3");

        MockHttpServletResponse response = handle(false, rewritten);

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("arrived on 10.1.2.3");
    }

    @Test
    void aWrapperThatRewritesTheClientAndHidesTheForwardingHeadersIsSeenThrough() throws Exception {
        MockHttpServletRequest received = request("127.0.0.1", "localhost");
        received.addHeader("X-Forwarded-For", "127.0.0.1");
        // What server.forward-headers-strategy=framework hands on: the forwarded address, no headers.
        HttpServletRequestWrapper forwarded = new HttpServletRequestWrapper(received) {
            @Override
            public String getHeader(String name) {
                return null;
            }
        };

        MockHttpServletResponse response = new MockHttpServletResponse();
        boolean proceed = new LocalOnlyInterceptor(false).preHandle(forwarded, response, new Object());

        assertThat(proceed).isFalse();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("proxy");
    }

    @Test
    void allowRemoteLetsEveryoneIn() throws Exception {
        assertThat(handle(true, request("192.168.1.20", "dev-box.lan")).getStatus()).isEqualTo(200);
    }

    @Test
    void onlyLiteralLoopbackAddressesCount() {
        assertThat(LocalOnlyInterceptor.isLoopbackAddress("127.255.255.254")).isTrue();
        assertThat(LocalOnlyInterceptor.isLoopbackAddress("::ffff:127.0.0.1")).isTrue();
        assertThat(LocalOnlyInterceptor.isLoopbackAddress("128.0.0.1")).isFalse();
        assertThat(LocalOnlyInterceptor.isLoopbackAddress("127.0.0.256")).isFalse();
        assertThat(LocalOnlyInterceptor.isLoopbackAddress("127.1")).isFalse();
        assertThat(LocalOnlyInterceptor.isLoopbackAddress("localhost")).isFalse();
        assertThat(LocalOnlyInterceptor.isLoopbackAddress("")).isFalse();
        assertThat(LocalOnlyInterceptor.isLoopbackAddress(null)).isFalse();
    }
}
