package io.github.wxsession.boot.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exempts a controller method, or every method of a controller class, from the session check on
 * protected paths. A valid session the request carries is still resolved, so a
 * {@link io.github.wxsession.session.WxSession} parameter is that session or {@code null}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface WxSessionOptional {
}
