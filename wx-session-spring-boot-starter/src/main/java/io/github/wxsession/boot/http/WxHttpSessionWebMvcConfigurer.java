package io.github.wxsession.boot.http;

import java.util.List;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Installs the session check on every path but the starter's own endpoints (the callback, login
 * and logout look at session ids themselves, if at all), and the {@code WxSession} parameter.
 */
public final class WxHttpSessionWebMvcConfigurer implements WebMvcConfigurer {

    private final WxHttpSessionInterceptor interceptor;
    private final List<String> ownEndpoints;

    /** @param ownEndpoints path patterns the check must leave alone */
    public WxHttpSessionWebMvcConfigurer(WxHttpSessionInterceptor interceptor, List<String> ownEndpoints) {
        this.interceptor = interceptor;
        this.ownEndpoints = List.copyOf(ownEndpoints);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor).addPathPatterns("/**").excludePathPatterns(ownEndpoints);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new WxSessionArgumentResolver());
    }
}
