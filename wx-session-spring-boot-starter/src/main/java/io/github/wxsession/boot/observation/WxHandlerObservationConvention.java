package io.github.wxsession.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names {@code wx.handler} and its key values. Declare a bean of this type to replace
 * {@link DefaultWxHandlerObservationConvention}, e.g. one that extends it and adds a key.
 */
public interface WxHandlerObservationConvention extends ObservationConvention<WxHandlerContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof WxHandlerContext;
    }
}
