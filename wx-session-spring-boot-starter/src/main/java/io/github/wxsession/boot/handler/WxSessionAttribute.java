package io.github.wxsession.boot.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a {@link WxHandler} parameter to an attribute of the sender's session, or {@code null}
 * when it is absent (so the parameter cannot be a primitive).
 *
 * <pre>{@code
 * @WxHandler(msgType = "text", contentRegex = "\\d+")
 * String guess(WxXmlMessage message, @WxSessionAttribute("number") Integer number) { ... }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WxSessionAttribute {

    /** The attribute's name. */
    String value();
}
