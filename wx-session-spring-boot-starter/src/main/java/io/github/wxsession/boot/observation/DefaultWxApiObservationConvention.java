package io.github.wxsession.boot.observation;

import io.github.wxsession.boot.observation.WxObservationDocumentation.ApiKeys;
import io.micrometer.common.KeyValues;

/** {@code wx.api} with its account, path and {@code errcode}. */
public class DefaultWxApiObservationConvention implements WxApiObservationConvention {

    static final DefaultWxApiObservationConvention INSTANCE = new DefaultWxApiObservationConvention();

    @Override
    public String getName() {
        return "wx.api";
    }

    @Override
    public String getContextualName(WxApiCallContext context) {
        return "wx api " + context.getPath();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(WxApiCallContext context) {
        Integer errorCode = context.getErrorCode();
        return KeyValues.of(ApiKeys.ACCOUNT.withValue(context.getAccount()), ApiKeys.PATH.withValue(context.getPath()),
                ApiKeys.ERRCODE.withValue(errorCode == null ? "unknown" : errorCode.toString()));
    }
}
