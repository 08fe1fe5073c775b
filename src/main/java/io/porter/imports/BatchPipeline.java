package io.porter.imports;

import io.porter.imports.mapping.RowValidator;
import io.porter.imports.writing.BatchPlan;
import io.porter.imports.writing.BatchResult;
import io.porter.imports.writing.ContactWriter;
import io.porter.imports.writing.ImportTarget;
import io.porter.imports.writing.PreparedImport;
import io.porter.jobs.JobContext;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

import java.util.ArrayList;
import java.util.List;

/**
 * Moves an import's batches through its stages, each stage on a different batch at the same time:
 * the parser and the validation work ahead ({@link BatchSource}), the event loop plans batch n+1
 * (from a lookup sent ahead of n's writes) while PostgreSQL writes batch n. Each batch commits with
 * its counters, row errors and checkpoint in one transaction, fenced by the job's lease; batches
 * commit in file order.
 */
final class BatchPipeline {

    /** What the pipeline works with; one per attempt at a job. */
    record Stages(JobContext ctx, ImportJob job, ImportTarget target, PreparedImport prepared, boolean dryRun,
                  ParseSession session, RowValidator validator, WorkerExecutor validators, ContactWriter writer,
                  ImportJobs jobs, ImportProgress progress) {
    }

    /** One committed batch: its counts, and the next batch's plan made in the same transaction. */
    private record Unit(ImportJobs.BatchCounts counts, BatchPlan nextPlan) {
    }

    /**
     * A batch's commit does not wait for its WAL to reach the disk (about 5% of a 1M-row import on these
     * machines). Safe for this transaction alone: the batch's contacts, log, counters and the job's checkpoint
     * commit together, so a database crash that loses the last batches loses their checkpoint with them and
     * the job resumes before them. The job's completion commits synchronously, which flushes every batch.
     */
    private static final String NO_WAIT_FOR_FLUSH = "SET LOCAL synchronous_commit = off";

    private final Stages stages;
    private final BatchSource source;
    private long rowsDone;
    // The batch to write next and its plan when an earlier transaction made it. Fields, not captured
    // variables: a pending compose keeps its function until the whole chain ends, so a loop whose
    // lambdas captured batches would keep every batch of the file.
    private ValidatedBatch current;
    private BatchPlan currentPlan;

    BatchPipeline(Stages stages, long rowsDone) {
        this.stages = stages;
        this.source = new BatchSource(stages.session(), stages.validator(), stages.validators());
        this.rowsDone = rowsDone;
    }

    /** Runs to the end of the file; answers the rows done. */
    Future<Long> run() {
        return source.next().compose(first -> {
            current = first;
            return loop();
        }).map(v -> rowsDone);
    }

    static JsonObject checkpoint(long rowsDone) {
        return new JsonObject().put("rowsDone", rowsDone);
    }

    private Future<Void> loop() {
        return advance().compose(more -> more ? loop() : Future.succeededFuture());
    }

    /**
     * Writes the current batch, planning the next one in the same transaction; true while batches
     * remain. A stop (cancel, lost lease, worker stopping) surfaces as the failure of the next commitUnit.
     */
    private Future<Boolean> advance() {
        ValidatedBatch batch = current;
        if (batch.rows() == 0) {
            return Future.succeededFuture(false); // the empty last batch of a file that ends on a batch boundary
        }
        Future<ValidatedBatch> following = batch.last() ? Future.succeededFuture() : source.next();
        return following.transform(read -> read.failed()
                ? writeBeforeBreak(batch, read.cause())
                : write(batch, currentPlan, read.result()).map(unit -> {
                    current = read.result();
                    currentPlan = unit.nextPlan();
                    return read.result() != null;
                }));
    }

    /**
     * The file broke (malformed JSON, a corrupt sheet) in the batch after this one, which was read whole: it is
     * written as it would have been without the read-ahead, then the import fails on the break.
     */
    private Future<Boolean> writeBeforeBreak(ValidatedBatch batch, Throwable breakage) {
        return write(batch, currentPlan, null).compose(unit -> Future.failedFuture(breakage));
    }

    private Future<Unit> write(ValidatedBatch batch, BatchPlan planned, ValidatedBatch next) {
        return stages.ctx().commitUnit(tx -> {
                    Future<?> relaxed = tx.query(NO_WAIT_FOR_FLUSH).execute();
                    Future<BatchPlan> plan = planned != null ? Future.succeededFuture(planned) : plan(tx, batch);
                    // Sent before this batch's writes when the batches share no email, so the next plan
                    // is made while PostgreSQL writes this batch; otherwise after them, to see them.
                    boolean independent = next != null && !next.drafts().sharesEmailWith(batch.drafts());
                    Future<BatchPlan> nextPlan = independent ? plan(tx, next) : null;
                    // The counts are known from the plan: sent behind the writes, not after their answer.
                    Future<ImportJobs.BatchCounts> counted = plan.compose(p -> stages.writer()
                            .write(tx, stages.target(), stages.prepared(), p, stages.dryRun(), result -> addBatch(tx, batch, result)));
                    if (next != null && !independent) {
                        nextPlan = counted.compose(counts -> plan(tx, next));
                    }
                    Future<BatchPlan> planOfNext = nextPlan == null ? Future.succeededFuture() : nextPlan;
                    return Future.all(relaxed, counted, planOfNext).map(all -> new Unit(counted.result(), planOfNext.result()));
                },
                unit -> {
                    rowsDone += batch.rows();
                    return checkpoint(rowsDone);
                })
                .onSuccess(unit -> stages.progress().batch(stages.job(), unit.counts(), batch.bytesRead()));
    }

    private Future<BatchPlan> plan(SqlConnection tx, ValidatedBatch batch) {
        return stages.writer().plan(tx, stages.target(), batch.drafts(), stages.dryRun());
    }

    private Future<ImportJobs.BatchCounts> addBatch(SqlConnection tx, ValidatedBatch batch, BatchResult result) {
        List<RowError> all = new ArrayList<>(batch.errors());
        List<JsonObject> allSources = new ArrayList<>(batch.errorSources());
        for (RowError note : result.notes()) {
            all.add(note);
            allSources.add(null);
        }
        ImportJobs.BatchCounts counts = new ImportJobs.BatchCounts(batch.rows(), result.created(), result.updated(),
                result.skipped(), batch.invalidRows());
        return stages.jobs().addBatch(tx, stages.job().tenantId(), stages.job().id(), counts, all, allSources).map(counts);
    }
}
