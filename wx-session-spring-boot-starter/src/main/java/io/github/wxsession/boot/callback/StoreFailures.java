package io.github.wxsession.boot.callback;

import java.util.Set;

/**
 * Tells a failure of the shared store (Redis unreachable, timed out, a session lock not granted in
 * time) from a failure of the application. The former is answered 503 so WeChat retries later;
 * the latter 500.
 *
 * <p>Spring's data-access exceptions are matched by class name, walking each cause's superclasses:
 * they are on the classpath only when the application uses Redis, and this class must load without it.
 */
final class StoreFailures {

    private static final Set<String> TRANSIENT_STORE_FAILURES = Set.of(
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.dao.TransientDataAccessException",
            "org.springframework.dao.PessimisticLockingFailureException");

    private StoreFailures() {
    }

    static boolean isStoreUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (TRANSIENT_STORE_FAILURES.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
