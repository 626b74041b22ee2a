package io.github.wxsession.boot.emulator;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Keeps the emulator to the developer's own machine: it signs messages with the accounts'
 * secrets, so anyone who reaches it can talk to the bot as any user. A request is answered only
 * if it arrived on a loopback address and comes from one, did not pass through a proxy (a proxy on
 * the same host would make every visitor look local) and names a loopback host (so a web page
 * cannot reach it by pointing its own domain at 127.0.0.1). {@code wx.emulator.allow-remote=true}
 * lifts all four.
 *
 * <p>Addresses and headers are read from the request as the servlet container received it,
 * beneath any wrapper: {@code server.forward-headers-strategy=framework} wraps the request to
 * report the {@code X-Forwarded-For} address as the client's and to hide the forwarding headers,
 * and Tomcat's {@code native} valve rewrites the client address for peers in private ranges. The
 * local address, which neither rewrites, settles it: a client elsewhere cannot reach a loopback
 * address, whatever it claims.
 */
final class LocalOnlyInterceptor implements HandlerInterceptor {

    private static final String[] PROXY_HEADERS = {"Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP"};

    private final boolean allowRemote;

    LocalOnlyInterceptor(boolean allowRemote) {
        this.allowRemote = allowRemote;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        String refusal = allowRemote ? null : refusal(request);
        if (refusal == null) {
            return true;
        }
        byte[] body = ("The wx-session emulator answers only this machine: " + refusal + ". Open it on the same"
                + " host (http://localhost:<port>/...), or set wx.emulator.allow-remote=true on a development"
                + " machine no one else can reach.\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        return false;
    }

    /** Why this request may not use the emulator, or {@code null} if it may. */
    static @Nullable String refusal(HttpServletRequest request) {
        HttpServletRequest received = asReceived(request);
        if (!isLoopbackAddress(received.getLocalAddr())) {
            return "the request arrived on " + received.getLocalAddr();
        }
        if (!isLoopbackAddress(received.getRemoteAddr()) || !isLoopbackAddress(request.getRemoteAddr())) {
            return "the request came from " + (isLoopbackAddress(received.getRemoteAddr()) ? request : received)
                    .getRemoteAddr();
        }
        for (String header : PROXY_HEADERS) {
            if (received.getHeader(header) != null || request.getHeader(header) != null) {
                return "the request came through a proxy (" + header + ")";
            }
        }
        if (!isLoopbackHost(request.getServerName())) {
            return "the request was addressed to host " + request.getServerName();
        }
        return null;
    }

    /** The container's own request beneath any wrappers (such as Spring's ForwardedHeaderFilter's). */
    private static HttpServletRequest asReceived(HttpServletRequest request) {
        ServletRequest inner = request;
        while (inner instanceof ServletRequestWrapper wrapper) {
            inner = wrapper.getRequest();
        }
        return inner instanceof HttpServletRequest http ? http : request;
    }

    private static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.endsWith(".localhost") || isLoopbackAddress(name);
    }

    /** True for 127.0.0.0/8 and ::1 written as literals; never looks a name up. */
    static boolean isLoopbackAddress(String address) {
        if (address == null || address.isEmpty()) {
            return false;
        }
        String literal = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        if (literal.indexOf(':') >= 0) {
            try {
                // With a colon it can only be an IPv6 literal: parsed, never resolved.
                return InetAddress.getByName(literal).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        String[] parts = literal.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return parts[0].equals("127");
    }
}
