package io.github.wxsession.boot.observation;

import io.github.wxsession.api.WxApiCallListener;
import io.github.wxsession.api.WxErrorException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes each WeChat API call of one account as {@code wx.api}. The scope is open on the calling
 * thread while the call runs, so a token fetch the call needs is observed as its child, and the
 * call itself as a child of whatever observation made it (a handler, a callback).
 */
public final class ObservingWxApiCallListener implements WxApiCallListener {

    private final ObservationRegistry registry;
    private final String account;
    private final @Nullable WxApiObservationConvention convention;

    /** @param convention the application's, or {@code null} for {@link DefaultWxApiObservationConvention} */
    public ObservingWxApiCallListener(ObservationRegistry registry, String account,
            @Nullable WxApiObservationConvention convention) {
        this.registry = registry;
        this.account = account;
        this.convention = convention;
    }

    @Override
    public WxApiCall started(String path) {
        WxApiCallContext context = new WxApiCallContext(account, path);
        Observation observation = WxObservationDocumentation.API.observation(convention,
                DefaultWxApiObservationConvention.INSTANCE, () -> context, registry).start();
        Observation.Scope scope = observation.openScope();
        return new WxApiCall() {
            @Override
            public void succeeded() {
                context.setErrorCode(0);
                end();
            }

            @Override
            public void failed(WxErrorException failure) {
                context.setErrorCode(failure.getError().errorCode());
                observation.error(failure);
                end();
            }

            private void end() {
                scope.close();
                observation.stop();
            }
        };
    }
}
