package io.github.wxsession.boot.http;

import io.github.wxsession.boot.metrics.WxMetrics;
import io.github.wxsession.boot.web.JsonBodies;
import io.github.wxsession.session.WxSession;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.AsyncHandlerInterceptor;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.handler.MappedInterceptor;

/**
 * Checks the session of every request to a protected path and makes it the request's session.
 *
 * <p>An interceptor rather than a servlet filter because the opt-out annotation sits on the
 * handler method, which only Spring MVC knows, and because its path patterns are then matched
 * exactly as the application's own {@code @RequestMapping}s are. A request that carries a session
 * id gets its session looked up, once, wherever it goes, so controllers on public paths may see
 * the session too; a request to a protected path without a valid one is answered 401 here and
 * reaches no controller. Error, async and forward dispatches of the request are not checked again.
 *
 * <p>The session's unit of work ({@link WxHttpSessionScopes}) opens before the lookup and ends
 * once: saved just before a {@code @ResponseBody} answer is written
 * ({@link WxHttpSessionResponseBodyAdvice}), else when the request completes, or discarded if the
 * handler threw. For an async request it ends when the handler returns; later changes are written
 * as the store writes changes made outside a scope.
 */
public final class WxHttpSessionInterceptor implements AsyncHandlerInterceptor {

    private static final String SCOPE_ATTRIBUTE = WxHttpSessionInterceptor.class.getName() + ".SCOPE";

    private final WxHttpSessionRepository sessions;
    private final WxSessionIdResolver ids;
    private final List<WxSessionVerifier> verifiers;
    private final WxMetrics metrics;
    private final @Nullable MappedInterceptor protectedPaths;
    private final byte[] unauthorized;
    // Annotation lookups are cached per method and per controller class, both bounded sets.
    private final Map<Method, Boolean> optionalMethods = new ConcurrentHashMap<>();
    private final Map<Class<?>, Boolean> optionalTypes = new ConcurrentHashMap<>();

    /**
     * @param protectedPatterns path patterns whose requests need a valid session; none when empty
     * @param publicPatterns path patterns exempt from the check even when a protected one matches
     * @param unauthorizedCode the {@code code} of the 401 answer
     * @param unauthorizedMessage the {@code message} of the 401 answer
     */
    public WxHttpSessionInterceptor(WxHttpSessionRepository sessions, WxSessionIdResolver ids,
            List<String> protectedPatterns, List<String> publicPatterns, int unauthorizedCode,
            String unauthorizedMessage, List<WxSessionVerifier> verifiers, WxMetrics metrics) {
        this.sessions = sessions;
        this.ids = ids;
        this.verifiers = List.copyOf(verifiers);
        this.metrics = metrics;
        // Used only to match paths, the way Spring MVC matches an interceptor's patterns. It would
        // match every path for no pattern at all; no protected path must mean none.
        this.protectedPaths = protectedPatterns.isEmpty() ? null
                : new MappedInterceptor(protectedPatterns.toArray(String[]::new),
                        publicPatterns.toArray(String[]::new), new HandlerInterceptor() {
                        });
        this.unauthorized = JsonBodies.error(unauthorizedCode, unauthorizedMessage);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            // An error page, async result or forward of a request checked already: its session, if
            // any, is still on the request, and a second lookup would cost a second load.
            return true;
        }
        String id = ids.resolve(request);
        String refusal = id == null ? "missing" : lookUp(id, request);
        if (refusal == null || protectedPaths == null || !protectedPaths.matches(request) || isOptional(handler)) {
            return true;
        }
        // Spring calls afterCompletion only for interceptors that let the request through.
        endScope(request, false);
        metrics.httpUnauthorized(sessions.account().name(), refusal);
        JsonBodies.write(response, HttpServletResponse.SC_UNAUTHORIZED, unauthorized);
        return false;
    }

    /** Opens the scope and finds the session; {@code null} when it is valid, else why not. */
    private String lookUp(String id, HttpServletRequest request) {
        request.setAttribute(SCOPE_ATTRIBUTE, sessions.openScope(id));
        try {
            WxSession session = sessions.find(id);
            if (session == null) {
                return "invalid";
            }
            if (!verified(session, request)) {
                return "refused";
            }
            request.setAttribute(WxHttpSessions.REQUEST_ATTRIBUTE, session);
            return null;
        } catch (RuntimeException | Error e) {
            // The store or a verifier failed: no afterCompletion will end the scope.
            endScope(request, false);
            throw e;
        }
    }

    @Override
    public void afterConcurrentHandlingStarted(HttpServletRequest request, HttpServletResponse response,
            Object handler) {
        endScope(request, true);
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        endScope(request, ex == null);
    }

    private boolean verified(WxSession session, HttpServletRequest request) {
        for (WxSessionVerifier verifier : verifiers) {
            if (!verifier.verify(session, request)) {
                return false;
            }
        }
        return true;
    }

    private boolean isOptional(Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return false;
        }
        return optionalMethods.computeIfAbsent(method.getMethod(),
                        m -> AnnotatedElementUtils.hasAnnotation(m, WxSessionOptional.class))
                || optionalTypes.computeIfAbsent(method.getBeanType(),
                        type -> AnnotatedElementUtils.hasAnnotation(type, WxSessionOptional.class));
    }

    /** Ends the request's scope, if it still has one: saved, or discarded when {@code save} is false. */
    static void endScope(HttpServletRequest request, boolean save) {
        WxHttpSessionScope scope = (WxHttpSessionScope) request.getAttribute(SCOPE_ATTRIBUTE);
        if (scope != null) {
            request.removeAttribute(SCOPE_ATTRIBUTE);
            if (save) {
                scope.close();
            } else {
                scope.discard();
            }
        }
    }
}
