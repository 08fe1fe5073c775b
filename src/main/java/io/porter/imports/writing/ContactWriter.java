package io.porter.imports.writing;

import io.porter.imports.ContactDraft;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Writes batches of drafts inside the caller's transaction, in two steps: {@link #plan} runs one
 * lookup and makes the decisions in memory ({@link BatchPlan}); {@link #write} applies them with a
 * fixed handful of set-based statements ({@link PlanWriter}). A dry run plans, then writes nothing
 * but its scratch keys. The steps are apart so that a caller can plan batch n+1 while batch n is
 * written: the lookup of n+1 sees n's writes when it runs after them in n's transaction, and needs
 * not when the two batches share no email.
 */
public final class ContactWriter {

    private static final String REMEMBER_DRY_RUN_KEYS = """
            INSERT INTO import_dry_run_keys (import_job_id, tenant_id, email_key, first_row)
            SELECT $2, $1, u.email_key, u.first_row FROM unnest($3::text[], $4::bigint[]) AS u(email_key, first_row)
            ON CONFLICT DO NOTHING
            """;

    private static final String FORGET_DRY_RUN_KEYS = """
            DELETE FROM import_dry_run_keys WHERE tenant_id = $1 AND import_job_id = $2
            """;

    private final ContactMatcher matcher = new ContactMatcher();
    private final PlanWriter planWriter = new PlanWriter();

    /** Looks the batch's emails up and decides what each row does; writes nothing. */
    public Future<BatchPlan> plan(SqlConnection tx, ImportTarget target, BatchDrafts drafts, boolean dryRun) {
        if (drafts.isEmpty()) {
            return Future.succeededFuture(BatchPlan.of(target, drafts, Map.of(), Map.of()));
        }
        Future<Map<String, ExistingContact>> existing = matcher.match(tx, target, drafts.keys());
        Future<Map<String, Long>> seen = dryRun ? matcher.seenInDryRun(tx, target, drafts.keys()) : Future.succeededFuture(Map.of());
        return Future.all(existing, seen).map(both -> BatchPlan.of(target, drafts, existing.result(), seen.result()));
    }

    /**
     * Applies a plan made by {@link #plan} for the same target, and sends the caller's {@code alongside}
     * statements (given the plan's counts) right behind the writes, without waiting for their answers.
     */
    public <T> Future<T> write(SqlConnection tx, ImportTarget target, PreparedImport prepared, BatchPlan plan,
                               boolean dryRun, Function<BatchResult, Future<T>> alongside) {
        Future<Void> written = dryRun ? rememberDryRunKeys(tx, target, plan) : planWriter.write(tx, target, prepared, plan);
        Future<T> along = alongside.apply(plan.result());
        return Future.all(written, along).map(both -> along.result());
    }

    /** Plans and writes one batch. */
    public Future<BatchResult> write(SqlConnection tx, ImportTarget target, PreparedImport prepared,
                                     List<ContactDraft> batch, boolean dryRun) {
        return plan(tx, target, BatchDrafts.of(batch), dryRun)
                .compose(plan -> write(tx, target, prepared, plan, dryRun, Future::succeededFuture));
    }

    /** After a dry run's last batch: forgets the emails it remembered to count duplicates across batches. */
    public Future<Void> finishDryRun(SqlConnection tx, UUID tenantId, UUID importJobId) {
        return tx.preparedQuery(FORGET_DRY_RUN_KEYS).execute(Params.of(tenantId, importJobId)).mapEmpty();
    }

    private Future<Void> rememberDryRunKeys(SqlConnection tx, ImportTarget target, BatchPlan plan) {
        if (plan.firstRowsOfNewEmails.isEmpty()) {
            return Future.succeededFuture();
        }
        return tx.preparedQuery(REMEMBER_DRY_RUN_KEYS).execute(Params.of(target.tenantId(), target.importJobId(),
                        plan.firstRowsOfNewEmails.keySet().toArray(String[]::new),
                        plan.firstRowsOfNewEmails.values().toArray(Long[]::new)))
                .mapEmpty();
    }
}
