package io.github.wxsession.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names {@code wx.api} and its key values. Declare a bean of this type to replace
 * {@link DefaultWxApiObservationConvention}, e.g. one that extends it and adds a key.
 */
public interface WxApiObservationConvention extends ObservationConvention<WxApiCallContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof WxApiCallContext;
    }
}
