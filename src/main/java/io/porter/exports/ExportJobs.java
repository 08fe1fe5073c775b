package io.porter.exports;

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

/** SQL on {@code export_jobs}; every statement names the tenant. */
final class ExportJobs {

    private static final String INSERT = """
            INSERT INTO export_jobs (id, tenant_id, export_type, filters, selected_fields, file_format, segment_id,
                                     export_options, created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            RETURNING *""";
    private static final String FIND = "SELECT * FROM export_jobs WHERE tenant_id = $1 AND id = $2";
    private static final String PAGE = """
            SELECT * FROM export_jobs
            WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3))
            ORDER BY created_at DESC, id DESC
            LIMIT $4""";
    private static final String START = """
            UPDATE export_jobs SET status = 'processing', started_at = coalesce(started_at, now()),
                   total_contacts = $3, processed_contacts = 0
            WHERE tenant_id = $1 AND id = $2 AND status IN ('pending', 'processing')
            RETURNING *""";
    private static final String COUNTED = """
            UPDATE export_jobs SET total_contacts = $3 WHERE tenant_id = $1 AND id = $2 AND status = 'processing'""";
    private static final String PROGRESS = """
            UPDATE export_jobs SET processed_contacts = $3 WHERE tenant_id = $1 AND id = $2""";
    private static final String COMPLETE = """
            UPDATE export_jobs SET status = 'completed', completed_at = now(), file_url = $3, file_size = $4,
                   processed_contacts = $5, total_contacts = $6, expires_at = now() + $7::bigint * interval '1 second'
            WHERE tenant_id = $1 AND id = $2 AND status = 'processing'
            RETURNING *""";
    private static final String FAIL = """
            UPDATE export_jobs SET status = 'failed', completed_at = now(), error = $3
            WHERE tenant_id = $1 AND id = $2 AND status IN ('pending', 'processing')
            RETURNING *""";

    private final Pool pool;

    ExportJobs(Pool pool) {
        this.pool = pool;
    }

    Future<ExportJob> insert(SqlClient tx, UUID id, UUID tenantId, String exportType, JsonObject filters,
                             JsonArray selectedFields, String format, UUID segmentId, JsonObject options, UUID createdBy) {
        return tx.preparedQuery(INSERT)
                .execute(Tuple.from(Arrays.asList(id, tenantId, exportType, filters, selectedFields, format, segmentId,
                        options, createdBy)))
                .map(rows -> ExportJob.fromRow(rows.iterator().next()));
    }

    Future<Optional<ExportJob>> find(UUID tenantId, UUID id) {
        return one(pool.preparedQuery(FIND).execute(Tuple.of(tenantId, id)));
    }

    Future<List<ExportJob>> page(UUID tenantId, Instant afterCreatedAt, UUID afterId, int limit) {
        return pool.preparedQuery(PAGE)
                .execute(Tuple.of(tenantId, afterCreatedAt == null ? null : afterCreatedAt.atOffset(ZoneOffset.UTC), afterId, limit))
                .map(rows -> {
                    List<ExportJob> jobs = new ArrayList<>(rows.size());
                    rows.forEach(row -> jobs.add(ExportJob.fromRow(row)));
                    return jobs;
                });
    }

    Future<Optional<ExportJob>> start(UUID tenantId, UUID id, long total) {
        return one(pool.preparedQuery(START).execute(Tuple.of(tenantId, id, total)));
    }

    Future<Void> progress(UUID tenantId, UUID id, long processed) {
        return pool.preparedQuery(PROGRESS).execute(Tuple.of(tenantId, id, processed)).mapEmpty();
    }

    /** The selection's count, once known; nothing after the export ended. */
    Future<Void> counted(UUID tenantId, UUID id, long total) {
        return pool.preparedQuery(COUNTED).execute(Tuple.of(tenantId, id, total)).mapEmpty();
    }

    Future<Optional<ExportJob>> complete(UUID tenantId, UUID id, String fileUrl, long size, long processed, long total,
                                         long ttlSeconds) {
        return one(pool.preparedQuery(COMPLETE).execute(Tuple.of(tenantId, id, fileUrl, size, processed, total, ttlSeconds)));
    }

    Future<Optional<ExportJob>> fail(UUID tenantId, UUID id, String error) {
        return one(pool.preparedQuery(FAIL).execute(Tuple.of(tenantId, id, error)));
    }

    private static Future<Optional<ExportJob>> one(Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> rows) {
        return rows.map(set -> set.size() == 0 ? Optional.empty() : Optional.of(ExportJob.fromRow(set.iterator().next())));
    }
}
