package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.boot.account.WxAccountRepository;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when accounts are configured ({@code wx.app-id} or {@code wx.accounts.*}) or the
 * application declares a {@link WxAccountRepository}, e.g. over its database: adding the starter
 * to an application that has neither changes nothing.
 */
class OnWxAccountsOrRepositoryCondition extends AnyNestedCondition {

    OnWxAccountsOrRepositoryCondition() {
        super(ConfigurationPhase.REGISTER_BEAN);
    }

    @Conditional(OnWxAccountsCondition.class)
    static class Configured {
    }

    @ConditionalOnBean(WxAccountRepository.class)
    static class Repository {
    }
}
