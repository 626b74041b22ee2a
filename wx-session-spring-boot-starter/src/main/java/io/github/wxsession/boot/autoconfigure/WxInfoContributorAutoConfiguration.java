package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.actuate.WxInfoContributor;
import java.util.Locale;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Adds {@code wx} to the {@code info} endpoint when Spring Boot Actuator is present and
 * {@code management.info.wx.enabled} is not {@code false}. The info API did not move in Boot 4, so
 * one class serves both lines.
 */
@AutoConfiguration(after = WxAccountsAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.info.InfoContributor")
@ConditionalOnProperty(name = "management.info.wx.enabled", matchIfMissing = true)
@Conditional(OnWxAccountsCondition.class)
@EnableConfigurationProperties({WxCallbackProperties.class, WxSessionStoreProperties.class})
public class WxInfoContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "wxInfoContributor")
    public WxInfoContributor wxInfoContributor(WxAccounts wxAccounts, WxSessionStoreProperties store,
            WxCallbackProperties callback) {
        return new WxInfoContributor(wxAccounts, store.getStoreType().name().toLowerCase(Locale.ROOT),
                callback.getPath());
    }
}
