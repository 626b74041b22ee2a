package io.github.wxsession.boot.observation;

import io.github.wxsession.boot.observation.WxObservationDocumentation.CallbackKeys;
import io.github.wxsession.message.WxXmlMessage;
import io.micrometer.common.KeyValues;
import java.util.Locale;

/** {@code wx.callback} with its account, message type and outcome. */
public class DefaultWxCallbackObservationConvention implements WxCallbackObservationConvention {

    static final DefaultWxCallbackObservationConvention INSTANCE = new DefaultWxCallbackObservationConvention();

    @Override
    public String getName() {
        return "wx.callback";
    }

    @Override
    public String getContextualName(WxCallbackContext context) {
        return "wx callback " + messageType(context);
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(WxCallbackContext context) {
        String account = context.getAccount();
        String outcome = context.getOutcome();
        return KeyValues.of(CallbackKeys.ACCOUNT.withValue(account == null ? "unknown" : account),
                CallbackKeys.MESSAGE_TYPE.withValue(messageType(context)),
                CallbackKeys.OUTCOME.withValue(outcome == null ? "unknown" : outcome));
    }

    private static String messageType(WxCallbackContext context) {
        WxXmlMessage message = context.getMessage();
        if (message != null) {
            return message.getMsgType() == null ? "unknown" : tag(message.getMsgType());
        }
        return context.getRequest() != null && "GET".equals(context.getRequest().getMethod()) ? "verify" : "unknown";
    }

    /** As the meters spell their tags: lower case, dashes. */
    static String tag(String value) {
        return value.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
