package io.github.wxsession.redis;

import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables inherited contract tests, by method name, that a store does not pass yet, with the
 * reason shown in the report: what {@code @Disabled} on an override would say, for a contract
 * whose test methods cannot be overridden from this package. Each reason names the issue whose
 * product work will enable the test again.
 * <pre>
 * &#64;RegisterExtension
 * static final PendingProductWork PENDING = PendingProductWork.of("someContractTest", "needs #15: ...");
 * </pre>
 */
final class PendingProductWork implements ExecutionCondition {

    private final Map<String, String> reasons;

    private PendingProductWork(Map<String, String> reasons) {
        this.reasons = Map.copyOf(reasons);
    }

    static PendingProductWork of(String testMethod, String reason) {
        return new PendingProductWork(Map.of(testMethod, reason));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getTestMethod()
                .map(method -> reasons.get(method.getName()))
                .map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("no product work pending"));
    }
}
