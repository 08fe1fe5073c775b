package io.porter.http;

import io.porter.jobs.JobQueue;
import io.porter.tenancy.Caller;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/** {@code GET /api/jobs/{jobId}}: any queued unit of work of the caller's tenant; another tenant's is a 404. */
final class JobRoutes {

    private final JobQueue queue;

    JobRoutes(JobQueue queue) {
        this.queue = queue;
    }

    void get(RoutingContext ctx) {
        Caller caller = Requests.caller(ctx);
        UUID id = Requests.pathId(ctx, "jobId", "job");
        queue.find(caller.tenantId(), id)
                .map(found -> found.orElseThrow(() -> ApiError.notFound("job")))
                .onSuccess(job -> Requests.json(ctx, 200, job.toJson()))
                .onFailure(ctx::fail);
    }
}
