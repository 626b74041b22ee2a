package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.boot.actuate.WxAccountsHealth;
import io.github.wxsession.boot.actuate.WxHealthContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code wx} health contributor on Spring Boot 4, when {@code spring-boot-health} is present
 * and {@code management.health.wx.enabled} is not {@code false}. What it shares with the Boot 3.5
 * line is in {@link WxHealthConfigurationSupport}.
 */
@AutoConfiguration(after = WxAccountsAutoConfiguration.class,
        beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(name = WxHealthContributor.HEALTH_API)
@Conditional(OnWxAccountsCondition.class)
public class WxHealthContributorAutoConfiguration {

    /**
     * Nested, so that its condition, whose class is in the optional health jar, is read only once
     * the class condition above found that jar.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("wx")
    @EnableConfigurationProperties(WxHealthProperties.class)
    static class WxHealthContributorConfiguration extends WxHealthConfigurationSupport {

        /** Named so that the contributor is {@code wx}: Boot drops the {@code HealthContributor} suffix. */
        @Bean
        @ConditionalOnMissingBean(name = "wxHealthContributor")
        public WxHealthContributor wxHealthContributor(WxAccountsHealth wxAccountsHealth) {
            return new WxHealthContributor(wxAccountsHealth);
        }
    }
}
