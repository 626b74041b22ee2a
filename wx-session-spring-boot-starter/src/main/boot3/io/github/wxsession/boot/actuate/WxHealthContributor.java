package io.github.wxsession.boot.actuate;

import java.util.Iterator;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code wx} health contributor on Spring Boot 3.5 ({@code spring-boot-actuator}): one
 * component per account there is at the moment of asking, each UP or DOWN with
 * {@link WxAccountHealth#details()}. Only this adapter knows the health API; the same class for
 * Boot 4 lives in {@code src/main/boot4}.
 */
public final class WxHealthContributor implements CompositeHealthContributor {

    /** A class of the health API this adapter is written against, for {@code @ConditionalOnClass}. */
    public static final String HEALTH_API = "org.springframework.boot.actuate.health.HealthContributor";

    private final WxAccountsHealth accounts;

    public WxHealthContributor(WxAccountsHealth accounts) {
        this.accounts = Objects.requireNonNull(accounts, "accounts must not be null");
    }

    @Override
    public @Nullable HealthContributor getContributor(String name) {
        return accounts.accountNames().contains(name) ? indicator(name) : null;
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return accounts.accountNames().stream()
                .map(name -> NamedContributor.of(name, (HealthContributor) indicator(name)))
                .iterator();
    }

    private HealthIndicator indicator(String name) {
        return () -> {
            WxAccountHealth account = accounts.check(name);
            if (account == null) {
                // Removed between listing and asking.
                return Health.unknown().withDetail("account", "removed").build();
            }
            return Health.status(account.up() ? Status.UP : Status.DOWN).withDetails(account.details()).build();
        };
    }
}
