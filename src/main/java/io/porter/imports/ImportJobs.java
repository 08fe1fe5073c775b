package io.porter.imports;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL on {@code import_jobs} and {@code import_row_errors}; every read and write names the tenant. */
final class ImportJobs {

    static final int ERRORS_KEPT_ON_JOB = 1000;

    private static final String INSERT = """
            INSERT INTO import_jobs (id, tenant_id, workspace_id, file_name, file_size, file_url, file_type,
                                     field_mapping, import_options, created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            RETURNING *""";
    private static final String FIND = "SELECT * FROM import_jobs WHERE tenant_id = $1 AND id = $2";
    private static final String PAGE = """
            SELECT * FROM import_jobs
            WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3))
            ORDER BY created_at DESC, id DESC
            LIMIT $4""";
    private static final String START = """
            UPDATE import_jobs SET status = 'processing', started_at = coalesce(started_at, now())
            WHERE tenant_id = $1 AND id = $2 AND status IN ('pending', 'processing')
            RETURNING *""";
    /** Adds one batch's counts; errors are appended while the job keeps fewer than the cap. */
    private static final String ADD_BATCH = """
            UPDATE import_jobs SET
                processed_rows = processed_rows + $3,
                created_count = created_count + $4,
                updated_count = updated_count + $5,
                skipped_count = skipped_count + $6,
                error_count = error_count + $7,
                imported_count = imported_count + $4 + $5,
                errors = CASE WHEN jsonb_array_length(errors) >= $8 THEN errors
                              ELSE errors || (SELECT coalesce(jsonb_agg(e), '[]'::jsonb)
                                              FROM (SELECT e FROM jsonb_array_elements($9::jsonb) e
                                                    LIMIT greatest($8 - jsonb_array_length(errors), 0)) kept)
                         END
            WHERE tenant_id = $1 AND id = $2""";
    private static final String INSERT_ROW_ERRORS = """
            INSERT INTO import_row_errors (import_job_id, row_number, field, value, error, source)
            SELECT $1, r, f, v, e, s::json
            FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(r, f, v, e, s)""";
    private static final String FINISH = """
            UPDATE import_jobs SET status = $3, completed_at = now(), total_rows = processed_rows,
                   can_rollback = $4 AND created_count + updated_count > 0
            WHERE tenant_id = $1 AND id = $2 AND status IN ('pending', 'processing')
            RETURNING *""";
    private static final String FAIL = """
            UPDATE import_jobs SET status = 'failed', completed_at = now(), errors = $3::jsonb,
                   can_rollback = created_count + updated_count > 0
            WHERE tenant_id = $1 AND id = $2 AND status IN ('pending', 'processing')
            RETURNING *""";
    private static final String CANCEL = """
            UPDATE import_jobs SET status = 'cancelled', completed_at = now(),
                   can_rollback = created_count + updated_count > 0
            WHERE tenant_id = $1 AND id = $2 AND status IN ('pending', 'processing')
            RETURNING *""";

    private static final String START_ROLLBACK = """
            UPDATE import_jobs SET status = 'rolling_back', rollback = $3::jsonb || jsonb_build_object('previousStatus', status)
            WHERE tenant_id = $1 AND id = $2 AND can_rollback AND rolled_back_at IS NULL
              AND status IN ('completed', 'cancelled', 'failed')
            RETURNING *""";
    private static final String FINISH_ROLLBACK = """
            UPDATE import_jobs SET status = 'rolled_back', rolled_back_at = now(), can_rollback = false,
                   rollback = $3::jsonb
            WHERE tenant_id = $1 AND id = $2 AND status = 'rolling_back'
            RETURNING *""";

    private static final String ABANDON_ROLLBACK = """
            UPDATE import_jobs SET status = coalesce(rollback->>'previousStatus', 'completed'),
                   rollback = coalesce(rollback, '{}'::jsonb) || jsonb_build_object('error', $3::text)
            WHERE tenant_id = $1 AND id = $2 AND status = 'rolling_back'
            RETURNING *""";

    private final Pool pool;

    ImportJobs(Pool pool) {
        this.pool = pool;
    }

    Future<ImportJob> insert(SqlClient tx, UUID id, UUID tenantId, UUID workspaceId, String fileName, Long fileSize,
                             String fileUrl, String fileType, JsonObject mapping, JsonObject options, UUID createdBy) {
        return tx.preparedQuery(INSERT)
                .execute(Tuple.from(Arrays.asList(id, tenantId, workspaceId, fileName, fileSize, fileUrl, fileType,
                        mapping, options, createdBy)))
                .map(rows -> ImportJob.fromRow(rows.iterator().next()));
    }

    Future<Optional<ImportJob>> find(UUID tenantId, UUID id) {
        return pool.preparedQuery(FIND).execute(Tuple.of(tenantId, id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(ImportJob.fromRow(rows.iterator().next())));
    }

    Future<List<ImportJob>> page(UUID tenantId, Instant afterCreatedAt, UUID afterId, int limit) {
        return pool.preparedQuery(PAGE)
                .execute(Tuple.of(tenantId, afterCreatedAt == null ? null : afterCreatedAt.atOffset(ZoneOffset.UTC), afterId, limit))
                .map(rows -> {
                    List<ImportJob> jobs = new ArrayList<>(rows.size());
                    rows.forEach(row -> jobs.add(ImportJob.fromRow(row)));
                    return jobs;
                });
    }

    Future<Optional<ImportJob>> start(UUID tenantId, UUID id) {
        return pool.preparedQuery(START).execute(Tuple.of(tenantId, id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(ImportJob.fromRow(rows.iterator().next())));
    }

    /** Records one batch's outcome inside the batch's transaction. */
    Future<Void> addBatch(SqlClient tx, UUID tenantId, UUID id, BatchCounts counts, List<RowError> errors,
                          List<JsonObject> sources) {
        JsonArray errorJson = new JsonArray();
        errors.forEach(e -> errorJson.add(e.toJson()));
        Future<?> update = tx.preparedQuery(ADD_BATCH).execute(Tuple.from(Arrays.asList(tenantId, id, counts.processed(),
                counts.created(), counts.updated(), counts.skipped(), counts.errors(), ERRORS_KEPT_ON_JOB, errorJson)));
        if (errors.isEmpty()) {
            return update.mapEmpty();
        }
        int n = errors.size();
        Long[] rows = new Long[n];
        String[] fields = new String[n];
        String[] values = new String[n];
        String[] messages = new String[n];
        String[] sourceTexts = new String[n];
        for (int i = 0; i < n; i++) {
            RowError e = errors.get(i);
            rows[i] = e.row();
            fields[i] = e.field();
            values[i] = e.value();
            messages[i] = e.error();
            JsonObject source = sources.get(i);
            sourceTexts[i] = source == null ? null : source.encode();
        }
        return update.compose(done -> tx.preparedQuery(INSERT_ROW_ERRORS)
                .execute(Tuple.of(id, rows, fields, values, messages, sourceTexts))).mapEmpty();
    }

    Future<Optional<ImportJob>> finish(UUID tenantId, UUID id, String status, boolean canRollback) {
        return pool.preparedQuery(FINISH).execute(Tuple.of(tenantId, id, status, canRollback))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(ImportJob.fromRow(rows.iterator().next())));
    }

    /**
     * A job that fails as a whole keeps its reason as {@code errors: [{"row": 0, "error": ...}]}; empty
     * when it had ended meanwhile (cancelled), so its end is announced once.
     */
    Future<Optional<ImportJob>> fail(UUID tenantId, UUID id, String reason) {
        JsonArray errors = new JsonArray().add(new JsonObject().put("row", 0).put("error", reason));
        return pool.preparedQuery(FAIL).execute(Tuple.of(tenantId, id, errors))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(ImportJob.fromRow(rows.iterator().next())));
    }

    /** A rollback the queue gave up on: the import returns to its status before the rollback. */
    Future<Optional<ImportJob>> abandonRollback(UUID tenantId, UUID id, String reason) {
        return pool.preparedQuery(ABANDON_ROLLBACK).execute(Tuple.of(tenantId, id, reason))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(ImportJob.fromRow(rows.iterator().next())));
    }

    Future<Optional<ImportJob>> cancel(UUID tenantId, UUID id) {
        return pool.preparedQuery(CANCEL).execute(Tuple.of(tenantId, id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(ImportJob.fromRow(rows.iterator().next())));
    }

    /** Marks the job rolling back; empty when it cannot be (not finished, nothing written, or done already). */
    Future<Optional<ImportJob>> startRollback(SqlClient tx, UUID tenantId, UUID id, JsonObject request) {
        return tx.preparedQuery(START_ROLLBACK).execute(Tuple.of(tenantId, id, request))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(ImportJob.fromRow(rows.iterator().next())));
    }

    Future<Optional<ImportJob>> finishRollback(SqlClient tx, UUID tenantId, UUID id, JsonObject outcome) {
        return tx.preparedQuery(FINISH_ROLLBACK).execute(Tuple.of(tenantId, id, outcome))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(ImportJob.fromRow(rows.iterator().next())));
    }

    /** What one batch adds to the job's counters. */
    record BatchCounts(int processed, int created, int updated, int skipped, int errors) {
    }
}
