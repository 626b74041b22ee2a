/**
 * Session attributes as JSON, never Java serialization: the
 * {@link io.github.wxsession.redis.attribute.WxSessionAttributeSerializer} SPI the Redis session
 * store writes values through, and {@link io.github.wxsession.redis.attribute.JacksonWxSessionAttributeSerializer},
 * which stores common values untagged and application types under one short tag, for an allow-list
 * of types checked by name before any class is loaded. It needs Jackson, not Redis.
 */
@NullMarked
package io.github.wxsession.redis.attribute;

import org.jspecify.annotations.NullMarked;
