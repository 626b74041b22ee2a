package io.github.wxsession.boot.observation;

import io.github.wxsession.boot.observation.WxObservationDocumentation.HandlerKeys;
import io.micrometer.common.KeyValues;

/** {@code wx.handler} with its account, handler method and outcome. */
public class DefaultWxHandlerObservationConvention implements WxHandlerObservationConvention {

    static final DefaultWxHandlerObservationConvention INSTANCE = new DefaultWxHandlerObservationConvention();

    @Override
    public String getName() {
        return "wx.handler";
    }

    /** The method, so a trace reads as the handlers that ran. */
    @Override
    public String getContextualName(WxHandlerContext context) {
        return context.getHandler();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(WxHandlerContext context) {
        return KeyValues.of(HandlerKeys.ACCOUNT.withValue(context.getAccount()),
                HandlerKeys.HANDLER.withValue(context.getHandler()),
                HandlerKeys.OUTCOME.withValue(context.getError() == null ? "success" : "error"));
    }
}
