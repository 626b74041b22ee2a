package io.github.wxsession.boot.observation;

import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.router.WxMessageHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.ObservationView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Observes callbacks and handlers through the application's {@link ObservationRegistry}. Each
 * observation's scope is open on the thread that does the work, so whatever runs inside (a
 * handler in a callback, an API call in a handler) becomes its child without being told.
 */
public final class MicrometerWxObservations implements WxObservations {

    private final ObservationRegistry registry;
    private final @Nullable WxCallbackObservationConvention callbackConvention;
    private final @Nullable WxHandlerObservationConvention handlerConvention;

    /**
     * @param callbackConvention the application's, or {@code null} for the default
     * @param handlerConvention the application's, or {@code null} for the default
     */
    public MicrometerWxObservations(ObservationRegistry registry,
            @Nullable WxCallbackObservationConvention callbackConvention,
            @Nullable WxHandlerObservationConvention handlerConvention) {
        this.registry = registry;
        this.callbackConvention = callbackConvention;
        this.handlerConvention = handlerConvention;
    }

    @Override
    public Callback callback() {
        WxCallbackContext context = new WxCallbackContext(currentRequest());
        Observation observation = WxObservationDocumentation.CALLBACK.observation(callbackConvention,
                DefaultWxCallbackObservationConvention.INSTANCE, () -> context, registry).start();
        Observation.Scope scope = observation.openScope();
        return new Callback() {
            @Override
            public void rejected(String reason, @Nullable Throwable failure) {
                context.setOutcome(reason);
                if (failure != null) {
                    observation.error(failure);
                }
            }

            @Override
            public void answered(boolean withReply, boolean early) {
                if (context.getOutcome() == null) {
                    context.setOutcome(early ? "late" : withReply ? "reply" : "success");
                }
            }

            @Override
            public void failed(Throwable failure) {
                context.setOutcome("error");
                observation.error(failure);
            }

            @Override
            public void stop() {
                scope.close();
                observation.stop();
            }
        };
    }

    /** Spring MVC's request of this thread, for conventions that want it; none outside a request. */
    private static @Nullable HttpServletRequest currentRequest() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
    }

    /** Finds the callback among the current observation and its parents: a handler may be the current one. */
    @Override
    public void message(String account, WxXmlMessage message) {
        for (ObservationView view = registry.getCurrentObservation(); view != null;
                view = view.getContextView().getParentObservation()) {
            if (view.getContextView() instanceof WxCallbackContext callback) {
                callback.setAccount(account);
                callback.setMessage(message);
                return;
            }
        }
    }

    @Override
    public WxMessageHandler handler(String account, String name, WxMessageHandler handler) {
        return (message, context, service, sessions) -> {
            WxHandlerContext observed = new WxHandlerContext(account, name, message);
            Observation observation = WxObservationDocumentation.HANDLER.observation(handlerConvention,
                    DefaultWxHandlerObservationConvention.INSTANCE, () -> observed, registry).start();
            try (Observation.Scope scope = observation.openScope()) {
                return handler.handle(message, context, service, sessions);
            } catch (Throwable failure) {
                observation.error(failure);
                throw failure;
            } finally {
                observation.stop();
            }
        };
    }

    @Override
    public ExecutorService executor(ExecutorService executor) {
        return new ObservationPropagatingExecutor(registry, executor);
    }
}
