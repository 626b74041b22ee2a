package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.boot.observation.MicrometerWxObservations;
import io.github.wxsession.boot.observation.ObservingWxApiCallListener;
import io.github.wxsession.boot.observation.WxApiObservationConvention;
import io.github.wxsession.boot.observation.WxCallbackObservationConvention;
import io.github.wxsession.boot.observation.WxHandlerObservationConvention;
import io.github.wxsession.boot.observation.WxObservations;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Observations of callbacks ({@code wx.callback}), handlers ({@code wx.handler}) and WeChat API
 * calls ({@code wx.api}) when the application has an {@link ObservationRegistry}; without one
 * nothing here exists and the starter observes nothing. After Spring Boot's own registry, named
 * for both lines it runs on (3.5 keeps it in the actuator, 4 in its own module); an unknown name
 * is ignored.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
@Conditional(OnWxAccountsCondition.class)
public class WxObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public WxObservations wxObservations(ObservationRegistry registry,
            ObjectProvider<WxCallbackObservationConvention> callbackConvention,
            ObjectProvider<WxHandlerObservationConvention> handlerConvention) {
        return new MicrometerWxObservations(registry, callbackConvention.getIfAvailable(),
                handlerConvention.getIfAvailable());
    }

    /** Added beside any other call listener (health, the application's), never instead of one. */
    @Bean
    public WxApiConfigBuilderCustomizer wxApiObservationCustomizer(ObservationRegistry registry,
            ObjectProvider<WxApiObservationConvention> convention) {
        return (account, config) -> config.addCallListener(
                new ObservingWxApiCallListener(registry, account.name(), convention.getIfAvailable()));
    }
}
