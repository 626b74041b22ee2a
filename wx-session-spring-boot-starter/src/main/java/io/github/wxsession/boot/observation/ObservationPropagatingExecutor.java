package io.github.wxsession.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An executor whose tasks run in the scope of the observation that was current where each was
 * handed over: an async handler's run, and the customer-service call that sends its reply, then
 * belong to the message's callback, although the callback was answered long before. Whether
 * it is bounded, and how it refuses, stays the wrapped executor's business.
 */
final class ObservationPropagatingExecutor extends AbstractExecutorService {

    private final ObservationRegistry registry;
    private final ExecutorService executor;

    ObservationPropagatingExecutor(ObservationRegistry registry, ExecutorService executor) {
        this.registry = registry;
        this.executor = executor;
    }

    @Override
    public void execute(Runnable task) {
        Observation parent = registry.getCurrentObservation();
        if (parent == null) {
            executor.execute(task);
            return;
        }
        executor.execute(() -> {
            // The parent may have stopped by now; it is only the scope its children are made in.
            try (Observation.Scope scope = parent.openScope()) {
                task.run();
            }
        });
    }

    @Override
    public void shutdown() {
        executor.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return executor.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return executor.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return executor.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return executor.awaitTermination(timeout, unit);
    }
}
