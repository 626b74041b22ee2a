/**
 * Helpers shared by the starter's own endpoints and the emulator's: small JSON bodies read and
 * written with the Jackson 2 core already depends on, never through the application's message
 * converters. Not API.
 */
@NullMarked
package io.github.wxsession.boot.web;

import org.jspecify.annotations.NullMarked;
