package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.boot.metrics.MicrometerWxMetrics;
import io.github.wxsession.boot.metrics.WxMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Micrometer meters under {@code wx.} when the application has a {@link MeterRegistry}. The
 * registry is looked up when the meters are made rather than by condition, because Spring Boot
 * 3.5 and 4 configure it in different modules, and ordering against both by name would be brittle.
 */
@AutoConfiguration
@ConditionalOnClass(MeterRegistry.class)
@Conditional(OnWxAccountsOrRepositoryCondition.class)
public class WxMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public WxMetrics wxMetrics(ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meterRegistry = registry.getIfUnique();
        return meterRegistry == null ? WxMetrics.NONE : new MicrometerWxMetrics(meterRegistry);
    }
}
