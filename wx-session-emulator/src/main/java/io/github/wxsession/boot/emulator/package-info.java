/**
 * The WeChat emulator, development only like spring-boot-devtools: a page
 * ({@link io.github.wxsession.boot.emulator.EmulatorController}) that plays WeChat's server
 * ({@link io.github.wxsession.boot.emulator.EmulatedWeChatServer}, signing, encrypting and
 * retrying as WeChat does) and the user's phone against the application's own callback, and a
 * fake WeChat API ({@link io.github.wxsession.boot.emulator.FakeWeChatApi}) for
 * {@code wx.api.base-url}. Switched on by {@code wx.emulator.enabled} and answering loopback
 * clients only ({@link io.github.wxsession.boot.emulator.LocalOnlyInterceptor}).
 */
@NullMarked
package io.github.wxsession.boot.emulator;

import org.jspecify.annotations.NullMarked;
