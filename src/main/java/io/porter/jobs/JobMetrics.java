package io.porter.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Job counters for {@code /metrics}: {@code porter_jobs_started_total}, {@code porter_jobs_finished_total}
 * (by kind and outcome) and the {@code porter_jobs_running} gauge of this node.
 */
final class JobMetrics {

    enum Outcome { SUCCEEDED, RETRIED_OR_FAILED, LEASE_LOST, RELEASED }

    private final MeterRegistry registry;
    // One count for every worker of this node (JVM), as the gauge describes the node.
    private static final AtomicInteger running = new AtomicInteger();

    JobMetrics() {
        // The registry of Vert.x's metrics when the node runs with them, else a private one (tests).
        MeterRegistry vertxRegistry = BackendRegistries.getDefaultNow();
        this.registry = vertxRegistry != null ? vertxRegistry : new SimpleMeterRegistry();
        registry.gauge("porter.jobs.running", running);
    }

    void started(String kind) {
        running.incrementAndGet();
        Counter.builder("porter.jobs.started").tag("kind", kind).register(registry).increment();
    }

    void finished(String kind, Outcome outcome) {
        running.decrementAndGet();
        Counter.builder("porter.jobs.finished").tag("kind", kind)
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry).increment();
    }
}
