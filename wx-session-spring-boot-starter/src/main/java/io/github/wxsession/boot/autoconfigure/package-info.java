/**
 * The starter's auto-configurations, one per concern (accounts, Redis, routing, callback, HTTP
 * sessions, metrics), each with the {@code @ConfigurationProperties} class it reads beside it, and
 * the {@code …Customizer} interfaces through which an application adjusts what they build. This
 * package depends on the starter's other packages and none of them on it: components take plain
 * values, so they work, and are tested, without Spring Boot's binding.
 */
@NullMarked
package io.github.wxsession.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
