/**
 * What the starter tells Spring Boot Actuator, when the application has it: each account's state
 * collected into plain values ({@link io.github.wxsession.boot.actuate.WxAccountsHealth},
 * {@link io.github.wxsession.boot.actuate.WxAccountHealth}), free of the health API, whose package
 * moved in Boot 4; a thin {@code WxHealthContributor} per Boot line (in {@code src/main/boot4} or
 * {@code src/main/boot3}) hands them to it. The info contributor's API is the same on both lines.
 */
@NullMarked
package io.github.wxsession.boot.actuate;

import org.jspecify.annotations.NullMarked;
