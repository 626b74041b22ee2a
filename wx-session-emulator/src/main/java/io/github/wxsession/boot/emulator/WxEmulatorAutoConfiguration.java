package io.github.wxsession.boot.emulator;

import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.autoconfigure.WxCallbackAutoConfiguration;
import io.github.wxsession.boot.autoconfigure.WxCallbackProperties;
import io.github.wxsession.boot.autoconfigure.WxHttpSessionProperties;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The WeChat emulator ({@code wx.emulator.enabled=true}, never on by default): a page at
 * {@code wx.emulator.path} that plays WeChat's server and the user's phone against the
 * application's own callback, and a fake WeChat API under {@code <path>/api/} to point
 * {@code wx.api.base-url} at, so the application runs fully offline. Loopback clients only,
 * unless {@code wx.emulator.allow-remote=true}.
 */
@AutoConfiguration(after = WxCallbackAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "wx.emulator.enabled", havingValue = "true")
@ConditionalOnBean(WxAccounts.class)
// The callback's and HTTP sessions' settings too: the page posts to the one and logs in through the
// other, and the HTTP sessions' auto-configuration (which enables its own) may be off.
@EnableConfigurationProperties({WxEmulatorProperties.class, WxCallbackProperties.class,
        WxHttpSessionProperties.class})
public class WxEmulatorAutoConfiguration {

    private static final Log LOG = LogFactory.getLog(WxEmulatorAutoConfiguration.class);

    private final String path;

    public WxEmulatorAutoConfiguration(WxEmulatorProperties properties) {
        this.path = checkedPath(properties.getPath());
        LOG.warn("The wx-session WeChat emulator is ON at " + path + " (wx.emulator.enabled=true), answering "
                + (properties.isAllowRemote() ? "ANY client (wx.emulator.allow-remote=true)" : "this machine only")
                + ". It signs messages with the accounts' secrets and fakes the WeChat API: never enable it in"
                + " production.");
    }

    @Bean
    Inboxes wxEmulatorInboxes() {
        return new Inboxes();
    }

    /** Closed with the context, which stops deliveries still retrying. */
    @Bean
    EmulatedWeChatServer wxEmulatedWeChatServer(Inboxes inboxes) {
        return new EmulatedWeChatServer(Clock.systemUTC(), inboxes);
    }

    @Bean
    EmulatorController wxEmulatorController(WxAccounts accounts, EmulatedWeChatServer weChat, Inboxes inboxes,
            WxCallbackProperties callback, WxHttpSessionProperties httpSession) {
        return new EmulatorController(accounts, weChat, inboxes, callback.getPath(), miniProgram(httpSession));
    }

    @Bean
    FakeWeChatApi wxEmulatorApi(WxAccounts accounts, Inboxes inboxes) {
        return new FakeWeChatApi(accounts, inboxes, Clock.systemUTC(), path);
    }

    @Bean
    WebMvcConfigurer wxEmulatorLocalOnly(WxEmulatorProperties properties) {
        LocalOnlyInterceptor interceptor = new LocalOnlyInterceptor(properties.isAllowRemote());
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor).addPathPatterns(path, path + "/**");
            }
        };
    }

    /** What the page needs to log a user in like a mini program, or {@code null} without HTTP sessions. */
    private static @Nullable Map<String, Object> miniProgram(WxHttpSessionProperties httpSession) {
        if (!httpSession.isEnabled() || !httpSession.getLogin().isEnabled()) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("loginPath", httpSession.getLogin().getPath());
        json.put("sessionHeader", httpSession.getHeader().isEnabled() ? httpSession.getHeader().getName() : null);
        json.put("codePrefix", FakeWeChatApi.LOGIN_CODE_PREFIX);
        return json;
    }

    private static String checkedPath(String path) {
        if (path == null || !path.startsWith("/") || path.length() < 2 || path.endsWith("/")
                || path.chars().anyMatch(c -> c == '*' || c == '{' || c == '}' || c == '?' || c == ' ')) {
            throw new InvalidConfigurationPropertyValueException("wx.emulator.path", path,
                    "Must be a path like /wx-emulator: a leading slash, no trailing one, no patterns");
        }
        return path;
    }
}
