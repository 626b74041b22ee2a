/**
 * Spring AOT support: what the starter reaches by reflection, told to the build so an
 * application runs with {@code -Dspring.aot.enabled=true} and can be compiled to a native image.
 * {@link io.github.wxsession.boot.aot.WxHandlerAotProcessor} finds the application's
 * {@code @WxHandler} methods, and the types its sessions may hold in Redis, at build time;
 * {@link io.github.wxsession.boot.aot.WxRuntimeHints} covers the starter's own classes. Both are
 * listed in {@code META-INF/spring/aot.factories}; core's Lua scripts and the emulator's page have
 * registrars of their own beside them.
 */
@NullMarked
package io.github.wxsession.boot.aot;

import org.jspecify.annotations.NullMarked;
