package io.porter.imports.writing;

import io.porter.imports.ContactDraft;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes one batch of drafts inside the caller's transaction: one lookup, then the decisions in
 * memory ({@link BatchPlan}), then a fixed handful of set-based statements ({@link PlanWriter}). A dry
 * run runs the lookup and the decisions and writes nothing but its scratch keys.
 */
public final class ContactWriter {

    // Every statement is planned for the batch's real arrays rather than a generic plan's guess of
    // 10 rows per unnest; see docs/import-writing.md for the plans.
    private static final String CUSTOM_PLANS = "SET LOCAL plan_cache_mode = force_custom_plan";

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

    public Future<BatchResult> write(SqlConnection tx, ImportTarget target, PreparedImport prepared,
                                     List<ContactDraft> batch, boolean dryRun) {
        if (batch.isEmpty()) {
            return Future.succeededFuture(new BatchResult(0, 0, 0, List.of()));
        }
        String[] keys = BatchPlan.groupByEmailKey(batch).keySet().toArray(String[]::new);
        Future<?> plans = tx.query(CUSTOM_PLANS).execute();
        Future<Map<String, ExistingContact>> existing = matcher.match(tx, target, keys);
        Future<Map<String, Long>> seen = dryRun ? matcher.seenInDryRun(tx, target, keys) : Future.succeededFuture(Map.of());
        return Future.all(plans, existing, seen)
                .map(all -> BatchPlan.of(target, batch, existing.result(), seen.result()))
                .compose(plan -> (dryRun ? rememberDryRunKeys(tx, target, plan) : planWriter.write(tx, target, prepared, plan))
                        .map(v -> new BatchResult(plan.created, plan.updated, plan.skipped, plan.notes)));
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
