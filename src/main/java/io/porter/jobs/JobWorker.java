package io.porter.jobs;

import io.porter.config.PorterConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Claims and runs jobs of its handlers' kinds, up to {@code settings.workers()} at once. It claims
 * when a {@link Addresses#JOBS_QUEUED} wake-up names one of its kinds, and every poll interval in case
 * a wake-up was missed (a node down, a job queued for later). While a handler runs, the lease is
 * renewed every third of its length. Everything runs on the one context that called {@link #start()}.
 */
public final class JobWorker {

    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

    private final Vertx vertx;
    private final JobQueue queue;
    private final PorterConfig.Jobs settings;
    private final String owner;
    private final Map<String, JobHandler> handlers;
    private final Map<UUID, Running> running = new HashMap<>();
    private final JobMetrics metrics = new JobMetrics();

    private Context context;
    private MessageConsumer<JsonObject> wakeUps;
    private long pollTimer = -1;
    private boolean claiming;
    private boolean claimAgain;
    private boolean stopping;
    private boolean frozen;
    private Promise<Void> drained;

    private record Running(JobContext ctx, long renewTimer) {
    }

    public JobWorker(Vertx vertx, JobQueue queue, PorterConfig.Jobs settings, String owner, List<JobHandler> handlers) {
        this.vertx = vertx;
        this.queue = queue;
        this.settings = settings;
        this.owner = owner;
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(JobHandler::kind, Function.identity()));
    }

    public String owner() {
        return owner;
    }

    public Future<Void> start() {
        context = vertx.getOrCreateContext();
        Promise<Void> started = Promise.promise();
        context.runOnContext(v -> listen().onComplete(started));
        return started.future();
    }

    /** Stops claiming and asks running handlers to stop at their next unit; completes when none runs. */
    public Future<Void> stop() {
        Promise<Void> stopped = Promise.promise();
        context.runOnContext(v -> {
            stopping = true;
            running.values().forEach(r -> r.ctx().requestStop(JobContext.StopReason.WORKER_STOPPING));
            drained = stopped;
            stopListening().onComplete(done -> completeIfDrained());
        });
        return stopped.future();
    }

    /**
     * For tests: behave like a process that froze. No more claims, renewals or completions, so the
     * leases of the jobs it holds lapse; its handlers still run, as a thawed process would.
     */
    Future<Void> freeze() {
        Promise<Void> frozenDone = Promise.promise();
        context.runOnContext(v -> {
            frozen = true;
            running.values().forEach(r -> vertx.cancelTimer(r.renewTimer()));
            stopListening().onComplete(frozenDone);
        });
        return frozenDone.future();
    }

    private Future<Void> listen() {
        wakeUps = vertx.eventBus().consumer(Addresses.JOBS_QUEUED, this::onWakeUp);
        pollTimer = vertx.setPeriodic(settings.pollInterval().toMillis(), id -> poll());
        return wakeUps.completion().onSuccess(v -> poll());
    }

    private Future<Void> stopListening() {
        vertx.cancelTimer(pollTimer);
        return wakeUps.unregister();
    }

    private void onWakeUp(Message<JsonObject> message) {
        if (handlers.containsKey(message.body().getString("kind"))) {
            claimFreeSlots();
        }
    }

    /** One claim at a time; a wake-up during a claim triggers another, so a job queued meanwhile is not missed. */
    private void claimFreeSlots() {
        if (stopping || frozen || running.size() >= settings.workers()) {
            return;
        }
        if (claiming) {
            claimAgain = true;
            return;
        }
        claiming = true;
        claimAgain = false;
        queue.claim(handlers.keySet(), owner, settings.lease()).onComplete(claimed -> {
            claiming = false;
            if (claimed.failed()) {
                log.atWarn().setCause(claimed.cause()).addKeyValue("owner", owner).log("claiming jobs failed");
            } else if (claimed.result().isPresent()) {
                run(claimed.result().get());
                claimAgain = true;
            }
            if (claimAgain) {
                claimFreeSlots();
            }
        });
    }

    private void run(Job job) {
        if (frozen || stopping) {
            // Claimed just as we froze or stopped; a stopping worker gives it back, a frozen one lets it lapse.
            if (stopping) {
                queue.release(job.id(), owner);
            }
            return;
        }
        JobContext ctx = new JobContext(job, queue, owner);
        long renewEvery = Math.max(1, settings.lease().toMillis() / 3);
        running.put(job.id(), new Running(ctx, vertx.setPeriodic(renewEvery, id -> renew(ctx))));
        logFor(log.atInfo(), job).addKeyValue("attempt", job.attempts()).log("job started");
        metrics.started(job.kind());
        Future.<Void>succeededFuture()
                .compose(v -> handlers.get(job.kind()).run(ctx))
                .transform(outcome -> frozen ? Future.succeededFuture() : settle(ctx, outcome.cause()))
                .onComplete(settled -> finished(job, settled.cause()));
    }

    private void renew(JobContext ctx) {
        Job job = ctx.job();
        queue.renew(job.id(), owner, settings.lease()).onComplete(renewed -> {
            if (renewed.failed()) {
                logFor(log.atWarn(), job).setCause(renewed.cause()).log("lease renewal failed, will retry");
            } else if (!renewed.result()) {
                logFor(log.atWarn(), job).log("lease lost (taken over or cancelled), asking handler to stop");
                ctx.requestStop(JobContext.StopReason.LEASE_LOST);
            }
        });
    }

    private Future<Void> settle(JobContext ctx, Throwable failure) {
        Job job = ctx.job();
        if (failure == null) {
            return queue.complete(job.id(), owner).map(done -> {
                logFor(done ? log.atInfo() : log.atWarn(), job)
                        .log(done ? "job succeeded" : "job finished but its lease was lost; not completed");
                metrics.finished(job.kind(), done ? JobMetrics.Outcome.SUCCEEDED : JobMetrics.Outcome.LEASE_LOST);
                return null;
            });
        }
        if (failure instanceof LeaseLostException) {
            logFor(log.atInfo(), job).log("job stopped: lease lost or cancelled");
            metrics.finished(job.kind(), JobMetrics.Outcome.LEASE_LOST);
            return Future.succeededFuture();
        }
        if (failure instanceof JobInterruptedException) {
            logFor(log.atInfo(), job).log("job interrupted by worker stop, released to the queue");
            metrics.finished(job.kind(), JobMetrics.Outcome.RELEASED);
            return queue.release(job.id(), owner).mapEmpty();
        }
        logFor(log.atWarn(), job).setCause(failure).addKeyValue("attempt", job.attempts()).log("job attempt failed");
        metrics.finished(job.kind(), JobMetrics.Outcome.RETRIED_OR_FAILED);
        String reason = describe(failure);
        return queue.fail(job.id(), owner, reason, true).compose(status -> status.filter(JobStatus.FAILED::equals).isPresent()
                ? giveUp(job, reason)
                : Future.succeededFuture());
    }

    /** Fails, on their subjects too, the jobs whose leases lapsed on their last attempt; then claims. */
    private void poll() {
        if (stopping || frozen) {
            return;
        }
        queue.giveUpLapsed(handlers.keySet())
                .compose(lapsed -> Future.all(lapsed.stream().map(job -> giveUp(job, job.lastError())).toList()))
                .onFailure(failure -> log.atWarn().setCause(failure).addKeyValue("owner", owner).log("giving up lapsed jobs failed"))
                .onComplete(done -> claimFreeSlots());
    }

    private Future<Void> giveUp(Job job, String reason) {
        logFor(log.atError(), job).addKeyValue("attempt", job.attempts()).log("job failed for good: {}", reason);
        return handlers.get(job.kind()).gaveUp(job, reason)
                .onFailure(failure -> logFor(log.atError(), job).setCause(failure).log("recording the job's failure on its subject failed"));
    }

    private void finished(Job job, Throwable settleFailure) {
        if (settleFailure != null) {
            logFor(log.atError(), job).setCause(settleFailure).log("recording the job's outcome failed; its lease will lapse");
        }
        Running done = running.remove(job.id());
        if (done != null) {
            vertx.cancelTimer(done.renewTimer());
        }
        completeIfDrained();
        claimFreeSlots();
    }

    private void completeIfDrained() {
        if (drained != null && running.isEmpty()) {
            drained.tryComplete();
        }
    }

    private LoggingEventBuilder logFor(LoggingEventBuilder event, Job job) {
        return event.addKeyValue("jobId", job.id())
                .addKeyValue("tenantId", job.tenantId())
                .addKeyValue("kind", job.kind())
                .addKeyValue("owner", owner);
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
    }
}
