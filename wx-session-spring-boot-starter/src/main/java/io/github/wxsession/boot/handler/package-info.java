/**
 * {@link io.github.wxsession.boot.handler.WxHandler} and
 * {@link io.github.wxsession.boot.handler.WxSessionAttribute}, the annotations applications put on
 * their bean methods, and what turns one such method into a router rule: its conditions and an
 * invocation that supplies the parameters it asks for. {@code io.github.wxsession.boot.routing}
 * finds the methods and adds the rules.
 */
@NullMarked
package io.github.wxsession.boot.handler;

import org.jspecify.annotations.NullMarked;
