/**
 * The callback's XML: inbound messages and events ({@link io.github.wxsession.message.WxXmlMessage},
 * every element kept, parsed without DTDs or external entities) and passive replies
 * ({@link io.github.wxsession.message.WxXmlOutMessage} and its builders). The router hands the
 * former to handlers and writes the latter back; decryption of safe-mode bodies happens before,
 * in {@code io.github.wxsession.crypto}.
 */
@NullMarked
package io.github.wxsession.message;

import org.jspecify.annotations.NullMarked;
