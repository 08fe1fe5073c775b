package io.porter.imports;

import io.porter.jobs.BusErrors;
import io.porter.jobs.BusRequest;
import io.porter.jobs.JobQueue;
import io.porter.jobs.NewJob;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.util.UUID;

/** Accepts a rollback request: marks the import rolling back and queues the rollback job. */
final class RollbackService {

    private final Pool pool;
    private final ImportJobs jobs;
    private final JobQueue queue;

    RollbackService(Pool pool, ImportJobs jobs, JobQueue queue) {
        this.pool = pool;
        this.jobs = jobs;
        this.queue = queue;
    }

    Future<JsonObject> request(BusRequest request) {
        UUID id = ImportService.jobId(request.body());
        boolean force = Boolean.TRUE.equals(request.body().getValue("force"));
        return jobs.find(request.tenantId(), id)
                .map(found -> found.orElseThrow(() -> BusErrors.notFound("import job")))
                .compose(job -> pool.withTransaction(tx -> jobs.startRollback(tx, request.tenantId(), id,
                                new JsonObject().put("force", force).put("requestedBy", request.userId().toString()))
                        .compose(started -> {
                            if (started.isEmpty()) {
                                return Future.failedFuture(BusErrors.conflict(conflictReason(job)));
                            }
                            return queue.enqueue(tx, NewJob.forTenant(RollbackHandler.KIND, request.tenantId(),
                                    new JsonObject().put("force", force).put("requestedBy", request.userId().toString()))
                                    .withSubject(id)).map(started.get());
                        })))
                .onSuccess(started -> queue.notifyQueued(RollbackHandler.KIND))
                .map(ImportJob::toJson);
    }

    private static String conflictReason(ImportJob job) {
        if (job.rolledBackAt() != null || "rolled_back".equals(job.status()) || "rolling_back".equals(job.status())) {
            return "this import is already rolled back (or rolling back)";
        }
        if ("pending".equals(job.status()) || "processing".equals(job.status())) {
            return "this import is still running; cancel it first, then roll it back";
        }
        return "this import wrote nothing that can be rolled back (a dry run, or no contacts created or updated)";
    }
}
