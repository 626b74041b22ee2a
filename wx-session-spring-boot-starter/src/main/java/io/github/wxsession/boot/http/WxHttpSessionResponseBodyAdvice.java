package io.github.wxsession.boot.http;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Saves the request's session before a {@code @ResponseBody} answer is written. Message
 * converters flush what they write, so the client may have the answer, and send its next request,
 * before the interceptor's {@code afterCompletion} runs; saving first lets that next request see
 * this one's changes.
 */
@ControllerAdvice
public final class WxHttpSessionResponseBodyAdvice implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (request instanceof ServletServerHttpRequest servlet) {
            WxHttpSessionInterceptor.endScope(servlet.getServletRequest(), true);
        }
        return body;
    }
}
