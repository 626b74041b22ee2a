package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.api.WxApiType;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.http.WxHttpSessionInterceptor;
import io.github.wxsession.boot.http.WxHttpSessionRepository;
import io.github.wxsession.boot.http.WxHttpSessionResponseBodyAdvice;
import io.github.wxsession.boot.http.WxHttpSessionScopes;
import io.github.wxsession.boot.http.WxHttpSessionWebMvcConfigurer;
import io.github.wxsession.boot.http.WxLoginController;
import io.github.wxsession.boot.http.WxLoginHandler;
import io.github.wxsession.boot.http.WxSessionIdResolver;
import io.github.wxsession.boot.http.WxSessionVerifier;
import io.github.wxsession.boot.metrics.WxMetrics;
import io.github.wxsession.session.WxSessionIdGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * Sessions for mini-program and app HTTP APIs ({@code wx.http-session.enabled=true}): the login
 * endpoint, the session check on protected paths and the {@code WxSession} controller parameter,
 * on the session store of one account.
 */
@AutoConfiguration(after = {WxAccountsAutoConfiguration.class, WxRedisAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(WxAccounts.class)
@ConditionalOnProperty(name = "wx.http-session.enabled", havingValue = "true")
@EnableConfigurationProperties({WxHttpSessionProperties.class, WxCallbackProperties.class})
public class WxHttpSessionAutoConfiguration {

    private static final String ACCOUNT_PROPERTY = "wx.http-session.account";

    /** Request scopes for the in-memory store, whose sessions need none; a Redis store brings its own. */
    @Bean
    @ConditionalOnMissingBean
    public WxHttpSessionScopes wxHttpSessionScopes() {
        return WxHttpSessionScopes.passThrough();
    }

    @Bean
    @ConditionalOnMissingBean
    public WxHttpSessionRepository wxHttpSessionRepository(WxAccounts accounts, WxHttpSessionProperties properties,
            WxHttpSessionScopes scopes) {
        WxAccount account = account(accounts, properties);
        if (properties.getLogin().isEnabled() && account.apiType() != WxApiType.MP) {
            throw new InvalidConfigurationPropertyValueException(ACCOUNT_PROPERTY, account.name(),
                    "Login by code (code2Session) is for mini programs, and account '" + account.name()
                            + "' is a WeCom app; name a mini-program account or set wx.http-session.login.enabled=false");
        }
        return new WxHttpSessionRepository(account, scopes, WxSessionIdGenerator.secureRandom());
    }

    @Bean
    @ConditionalOnMissingBean
    public WxSessionIdResolver wxSessionIdResolver(WxHttpSessionProperties properties) {
        WxHttpSessionProperties.Header header = properties.getHeader();
        WxHttpSessionProperties.Cookie cookie = properties.getCookie();
        WxHttpSessionProperties.Url url = properties.getUrl();
        return new WxSessionIdResolver(header.isEnabled() ? header.getName() : null,
                cookie.isEnabled() ? cookie.getName() : null, cookie.isSecure(), cookie.getSameSite(),
                url.isEnabled() ? url.getParameter() : null);
    }

    @Bean
    @ConditionalOnMissingBean
    public WxHttpSessionInterceptor wxHttpSessionInterceptor(WxHttpSessionRepository sessions,
            WxSessionIdResolver ids, WxHttpSessionProperties properties, ObjectProvider<WxSessionVerifier> verifiers,
            ObjectProvider<WxMetrics> metrics) {
        return new WxHttpSessionInterceptor(sessions, ids,
                Objects.requireNonNullElse(properties.getProtectedPaths(), List.of()),
                Objects.requireNonNullElse(properties.getPublicPaths(), List.of()), properties.getUnauthorizedCode(),
                properties.getUnauthorizedMessage(), verifiers.orderedStream().toList(),
                metrics.getIfAvailable(() -> WxMetrics.NONE));
    }

    @Bean
    public WxHttpSessionWebMvcConfigurer wxHttpSessionWebMvcConfigurer(WxHttpSessionInterceptor interceptor,
            WxHttpSessionProperties properties, WxCallbackProperties callbackProperties) {
        List<String> ownEndpoints = new ArrayList<>();
        String callback = callbackProperties.getPath();
        ownEndpoints.add(callback);
        ownEndpoints.add(callback + "/*");
        WxHttpSessionProperties.Login login = properties.getLogin();
        if (login.isEnabled()) {
            ownEndpoints.add(login.getPath());
            ownEndpoints.add(login.getLogoutPath());
        }
        return new WxHttpSessionWebMvcConfigurer(interceptor, ownEndpoints);
    }

    @Bean
    public WxHttpSessionResponseBodyAdvice wxHttpSessionResponseBodyAdvice() {
        return new WxHttpSessionResponseBodyAdvice();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "wx.http-session.login.enabled", havingValue = "true", matchIfMissing = true)
    public WxLoginController wxLoginController(WxHttpSessionRepository sessions, WxSessionIdResolver ids,
            WxHttpSessionProperties properties, ObjectProvider<WxLoginHandler> handlers,
            ObjectProvider<WxMetrics> metrics) {
        WxHttpSessionProperties.Login login = properties.getLogin();
        return new WxLoginController(sessions, ids, login.getRefusedCode(), login.getRefusedMessage(),
                handlers.orderedStream().toList(), metrics.getIfAvailable(() -> WxMetrics.NONE));
    }

    private static WxAccount account(WxAccounts accounts, WxHttpSessionProperties properties) {
        String name = properties.getAccount();
        if (name == null || name.isBlank()) {
            if (accounts.all().size() != 1) {
                throw new InvalidConfigurationPropertyValueException(ACCOUNT_PROPERTY, null, "Several accounts are"
                        + " configured; name the one whose sessions and login serve HTTP clients");
            }
            return accounts.single();
        }
        try {
            return accounts.get(name);
        } catch (NoSuchElementException e) {
            throw new InvalidConfigurationPropertyValueException(ACCOUNT_PROPERTY, name, e.getMessage());
        }
    }
}
