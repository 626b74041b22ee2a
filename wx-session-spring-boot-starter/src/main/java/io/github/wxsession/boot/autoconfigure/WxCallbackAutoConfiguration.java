package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.aibot.WxStreams;
import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.callback.WxCallbackController;
import io.github.wxsession.boot.metrics.WxMetrics;
import io.github.wxsession.boot.observation.WxObservations;
import io.github.wxsession.boot.routing.WxMessageRouters;
import java.time.Clock;
import java.time.Duration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The callback endpoint at {@code wx.callback.path} (and {@code <path>/<app-id>} per account). */
@AutoConfiguration(after = WxRoutingAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(WxMessageRouters.class)
@EnableConfigurationProperties({WxCallbackProperties.class, WxRouterProperties.class})
public class WxCallbackAutoConfiguration {

    private static final Log LOG = LogFactory.getLog(WxCallbackAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    public WxCallbackController wxCallbackController(WxAccounts accounts, WxMessageRouters routers,
            WxCallbackProperties callback, WxRouterProperties router, ObjectProvider<WxMetrics> metrics,
            WxStreams streams, ObjectProvider<WxObservations> observations) {
        long maxBody = callback.getMaxBodySize().toBytes();
        if (maxBody <= 0 || maxBody > Integer.MAX_VALUE - 1) {
            throw new InvalidConfigurationPropertyValueException(
                    "wx.callback.max-body-size", callback.getMaxBodySize(),
                    "Must be between 1 byte and 2 GB");
        }
        Duration tolerance = callback.getTimestampTolerance();
        if (tolerance == null || tolerance.isNegative()) {
            throw new InvalidConfigurationPropertyValueException("wx.callback.timestamp-tolerance", tolerance,
                    "Must be zero (no check) or positive");
        }
        Duration remembered = router.getDuplicateTtl();
        if (!tolerance.isZero() && remembered != null && remembered.compareTo(tolerance) < 0) {
            LOG.info("wx.callback.timestamp-tolerance (" + tolerance + ") is longer than wx.router.duplicate-ttl ("
                    + remembered + "): an encrypted request captured and replayed between the two is handled again."
                    + " Set duplicate-ttl to at least the tolerance to close that (it costs memory or Redis space"
                    + " per message).");
        }
        return new WxCallbackController(accounts, routers, (int) maxBody, tolerance, Clock.systemUTC(),
                metrics.getIfAvailable(() -> WxMetrics.NONE), streams,
                observations.getIfAvailable(() -> WxObservations.NONE));
    }

    @Bean
    @ConditionalOnProperty(name = "wx.callback.remove-xml-converter", havingValue = "true", matchIfMissing = true)
    public WebMvcConfigurer wxXmlConverterRemover() {
        return WxCallbackController.xmlConverterRemover();
    }
}
