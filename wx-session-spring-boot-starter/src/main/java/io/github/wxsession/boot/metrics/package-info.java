/**
 * What the starter reports: {@link io.github.wxsession.boot.metrics.WxMetrics} is the interface the
 * callback, routing, stores and HTTP sessions call, free of Micrometer types so the starter runs
 * without it; {@link io.github.wxsession.boot.metrics.MicrometerWxMetrics} records those events as
 * meters under {@code wx.} when the application has a {@code MeterRegistry}.
 */
@NullMarked
package io.github.wxsession.boot.metrics;

import org.jspecify.annotations.NullMarked;
