package io.github.wxsession.boot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one account is configured ({@code wx.app-id} or {@code wx.accounts.*}):
 * adding the starter to an application that has none changes nothing.
 */
class OnWxAccountsCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Binder binder = Binder.get(context.getEnvironment());
        if (binder.bind("wx.app-id", String.class).isBound()) {
            return ConditionOutcome.match("wx.app-id is set");
        }
        boolean several = binder.bind("wx.accounts", Bindable.mapOf(String.class, Object.class))
                .map(accounts -> !accounts.isEmpty())
                .orElse(false);
        return several ? ConditionOutcome.match("wx.accounts is set")
                : ConditionOutcome.noMatch("neither wx.app-id nor wx.accounts is set");
    }
}
