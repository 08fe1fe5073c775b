package io.porter.imports;

import io.porter.imports.writing.ImportRollback;
import io.porter.imports.writing.RollbackResult;
import io.porter.jobs.Job;
import io.porter.jobs.JobContext;
import io.porter.jobs.JobHandler;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.util.UUID;

/**
 * Rolls an import back as a job of its own, one written batch per unit, newest first; each unit
 * commits with the checkpoint (position and running totals), so a rollback resumes like an import does.
 */
final class RollbackHandler implements JobHandler {

    static final String KIND = "import.rollback";
    private static final int CONFLICTS_KEPT = 1000;

    private final Pool pool;
    private final ImportJobs jobs;
    private final ImportProgress progress;
    private final ImportRollback rollback = new ImportRollback();

    RollbackHandler(Pool pool, ImportJobs jobs, ImportProgress progress) {
        this.pool = pool;
        this.jobs = jobs;
        this.progress = progress;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Future<Void> run(JobContext ctx) {
        JsonObject state = ctx.checkpoint() == null ? initialState() : ctx.checkpoint().copy();
        if (!state.containsKey("beforeBatchId")) {
            // Started on the per-contact event log that migration V5 replaced: start over at the newest
            // batch. Safe: what was undone already is gone (passed over) or back in its earlier state,
            // which no batch left, so it is reported as a conflict and left alone.
            state.put("beforeBatchId", 0L);
        }
        boolean force = ctx.job().payload().getBoolean("force", false);
        return step(ctx, state, force);
    }

    private Future<Void> step(JobContext ctx, JsonObject state, boolean force) {
        UUID tenantId = ctx.job().tenantId();
        UUID importId = ctx.job().subjectId();
        if (state.getBoolean("done", false)) {
            return ctx.commitUnit(tx -> rollback.finish(tx, tenantId, importId)
                            .compose(v -> jobs.finishRollback(tx, tenantId, importId, outcome(state))),
                    finished -> state)
                    .onSuccess(finished -> finished.ifPresent(job -> progress.rolledBack(job, requestedBy(ctx))))
                    .mapEmpty();
        }
        return ctx.commitUnit(tx -> rollback.rollback(tx, tenantId, importId, force, state.getLong("beforeBatchId")),
                        result -> advance(state, result))
                .onSuccess(result -> progress.rollingBack(tenantId, importId, outcome(state)))
                .compose(result -> step(ctx, state, force));
    }

    /**
     * The import goes back to the state it had before the rollback was asked for, with the error in
     * its {@code rollback} record; what was undone stays undone, and the rollback can be asked again.
     */
    @Override
    public Future<Void> gaveUp(Job queued, String reason) {
        String message = "the rollback stopped after " + queued.attemptsMade() + ": " + reason;
        return jobs.abandonRollback(queued.tenantId(), queued.subjectId(), message)
                .onSuccess(abandoned -> abandoned.ifPresent(job -> progress.rollbackFailed(job, requestedBy(queued), message)))
                .mapEmpty();
    }

    /** The rollback's requester; null for a rollback queued before requests named theirs. */
    private static UUID requestedBy(JobContext ctx) {
        return requestedBy(ctx.job());
    }

    private static UUID requestedBy(Job queued) {
        String user = queued.payload().getString("requestedBy");
        return user == null ? null : UUID.fromString(user);
    }

    private static JsonObject advance(JsonObject state, RollbackResult result) {
        state.put("beforeBatchId", result.lastBatchId());
        state.put("deleted", state.getInteger("deleted") + result.deleted());
        state.put("restored", state.getInteger("restored") + result.restored());
        JsonArray conflicts = state.getJsonArray("conflicts");
        result.conflicts().stream().limit(Math.max(0, CONFLICTS_KEPT - conflicts.size()))
                .forEach(c -> conflicts.add(new JsonObject().put("contactId", c.contactId().toString()).put("email", c.email())));
        state.put("conflictCount", state.getInteger("conflictCount") + result.conflicts().size());
        state.put("done", result.done());
        return state;
    }

    private static JsonObject initialState() {
        return new JsonObject().put("beforeBatchId", 0L).put("deleted", 0).put("restored", 0)
                .put("conflicts", new JsonArray()).put("conflictCount", 0).put("done", false);
    }

    private static JsonObject outcome(JsonObject state) {
        return new JsonObject().put("deleted", state.getInteger("deleted")).put("restored", state.getInteger("restored"))
                .put("conflicts", state.getJsonArray("conflicts")).put("conflictCount", state.getInteger("conflictCount"));
    }
}
