package io.github.wxsession.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names {@code wx.callback} and its key values. Declare a bean of this type to replace
 * {@link DefaultWxCallbackObservationConvention}, e.g. one that extends it and adds a key.
 */
public interface WxCallbackObservationConvention extends ObservationConvention<WxCallbackContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof WxCallbackContext;
    }
}
