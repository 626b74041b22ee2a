package io.github.wxsession.boot.actuate;

import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code wx} health contributor on Spring Boot 4 ({@code spring-boot-health}): one component
 * per account there is at the moment of asking, each UP or DOWN with
 * {@link WxAccountHealth#details()}. Only this adapter knows the health API; the same class for
 * Boot 3.5 lives in {@code src/main/boot3}.
 */
public final class WxHealthContributor implements CompositeHealthContributor {

    /** A class of the health API this adapter is written against, for {@code @ConditionalOnClass}. */
    public static final String HEALTH_API = "org.springframework.boot.health.contributor.HealthContributor";

    private final WxAccountsHealth accounts;

    public WxHealthContributor(WxAccountsHealth accounts) {
        this.accounts = Objects.requireNonNull(accounts, "accounts must not be null");
    }

    @Override
    public @Nullable HealthContributor getContributor(String name) {
        return accounts.accountNames().contains(name) ? indicator(name) : null;
    }

    @Override
    public Stream<Entry> stream() {
        return accounts.accountNames().stream().map(name -> new Entry(name, indicator(name)));
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
