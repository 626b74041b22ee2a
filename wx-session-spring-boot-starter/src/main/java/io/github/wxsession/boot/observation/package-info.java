/**
 * Micrometer Observations of the starter's work: one per callback ({@code wx.callback}), per
 * handler run ({@code wx.handler}) and per WeChat API call ({@code wx.api}), with low-cardinality
 * key values only. With Micrometer Tracing they form one trace per message, carried into async
 * handlers and late replies. {@link io.github.wxsession.boot.observation.WxObservations} is what
 * the callback and routing call, free of Micrometer types so the starter runs without it;
 * {@link io.github.wxsession.boot.observation.MicrometerWxObservations} observes through the
 * application's {@code ObservationRegistry}. Each observation's key values come from a replaceable
 * convention ({@link io.github.wxsession.boot.observation.WxCallbackObservationConvention} and its
 * siblings), as Spring's own observations do.
 */
@NullMarked
package io.github.wxsession.boot.observation;

import org.jspecify.annotations.NullMarked;
