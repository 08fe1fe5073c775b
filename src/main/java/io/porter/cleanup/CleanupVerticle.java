package io.porter.cleanup;

import io.porter.config.CronSchedules;
import io.porter.config.PorterConfig;
import io.porter.database.DatabaseUrl;
import io.porter.database.Pools;
import io.porter.jobs.Addresses;
import io.porter.jobs.BusEndpoints;
import io.porter.jobs.JobQueue;
import io.porter.jobs.JobWorker;
import io.porter.jobs.NewJob;
import io.porter.storage.BlobStores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The cleanup role: at each time of the cron schedule every cleanup node queues the pass with the
 * same dedupe key ({@code cleanup:<scheduled time>}), so the queue holds it once and one worker in
 * the cluster runs it. {@code porter.cleanup.run} queues a pass now.
 */
public class CleanupVerticle extends VerticleBase {

    private static final Logger log = LoggerFactory.getLogger(CleanupVerticle.class);

    private final PorterConfig config;
    private final DatabaseUrl databaseUrl;
    private final Clock clock;
    private Pool pool;
    private JobQueue queue;
    private JobWorker worker;
    private MessageConsumer<JsonObject> runNow;
    private long timer = -1;

    public CleanupVerticle(PorterConfig config, DatabaseUrl databaseUrl, Clock clock) {
        this.config = config;
        this.databaseUrl = databaseUrl;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        pool = Pools.create(vertx, databaseUrl, 2);
        queue = new JobQueue(vertx, pool);
        CleanupPass pass = new CleanupPass(pool, BlobStores.create(vertx, config.storage()), clock,
                config.cleanup().uploadRetention());
        worker = new JobWorker(vertx, queue, config.jobs(), "cleanup:" + UUID.randomUUID(), List.of(pass));
        runNow = BusEndpoints.serve(vertx, Addresses.CLEANUP_RUN, request -> enqueue("cleanup:now:" + UUID.randomUUID())
                .map(id -> new JsonObject().put("jobId", id.toString())));
        scheduleNext();
        return Future.all(worker.start(), runNow.completion());
    }

    private void scheduleNext() {
        ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
        CronSchedules.nextRun(config.cleanup().cron(), now).ifPresent(next -> {
            long delay = Math.max(1, Duration.between(now, next).toMillis());
            log.info("next cleanup pass at {} (in {} s)", next, delay / 1000);
            timer = vertx.setTimer(delay, id -> enqueue("cleanup:" + next.toInstant())
                    .onComplete(done -> scheduleNext()));
        });
    }

    private Future<UUID> enqueue(String dedupeKey) {
        return queue.enqueue(NewJob.of(CleanupPass.KIND, new JsonObject()).withDedupeKey(dedupeKey).withMaxAttempts(3))
                .map(job -> job.id());
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return worker.stop().eventually(pool::close);
    }
}
