package io.porter.imports.writing;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;

import java.util.List;
import java.util.UUID;

/**
 * Undoes an import from its batch log, newest batch first, one batch per call inside the caller's
 * transaction: created contacts are deleted, changed ones get their previous columns back, and the
 * tag links and segment memberships the batch added to them are removed. A contact whose updated_at
 * is not the one the batch left was changed since: it is left as it is (tags and segment too),
 * reported as a conflict once, and its older batches pass it over, unless {@code force}.
 */
public final class ImportRollback {

    // As in PlanWriter: rows are reached from the batch's ids by one index probe each (LATERAL with
    // LIMIT 1, then by ctid), never by a scan that stale statistics make look cheap.
    private static final String NEXT_BATCH = """
            SELECT b.id, b.written_at, b.created_ids, b.changed_ids, b.tag_contacts, b.tag_ids, b.segment_contacts,
                   EXISTS (SELECT 1 FROM import_batches o WHERE o.import_job_id = b.import_job_id AND o.id < b.id) AS more
            FROM import_batches b
            JOIN import_jobs j ON j.id = b.import_job_id AND j.tenant_id = $1
            WHERE b.import_job_id = $2 AND b.id < $3
            ORDER BY b.id DESC
            LIMIT 1
            """;

    // Each contact is probed by primary key (LATERAL with LIMIT 1: never a scan of the tenant).
    private static final String CREATED_NOW = """
            SELECT u.id AS contact_id, c.updated_at AS current_updated_at, c.email AS current_email,
                   EXISTS (SELECT 1 FROM import_rollback_conflicts x WHERE x.import_job_id = $2 AND x.contact_id = u.id)
                       AS reported
            FROM unnest($3::uuid[]) AS u(id)
            LEFT JOIN LATERAL (SELECT c.updated_at, c.email FROM contacts c WHERE c.id = u.id AND c.tenant_id = $1 LIMIT 1) c
                ON true
            """;

    // has_older: an older batch of this import changed the contact too (it is restored there);
    // created_by_import: this import created it (it is deleted there, never "restored").
    private static final String CHANGED_NOW = """
            SELECT d.contact_id, d.rewritten, d.updated_at AS before_updated_at,
                   c.updated_at AS current_updated_at, c.email AS current_email,
                   EXISTS (SELECT 1 FROM import_rollback_conflicts x WHERE x.import_job_id = $2 AND x.contact_id = d.contact_id)
                       AS reported,
                   EXISTS (SELECT 1 FROM import_undo o
                           WHERE o.import_job_id = $2 AND o.contact_id = d.contact_id AND o.batch_id < $3) AS has_older,
                   EXISTS (SELECT 1 FROM import_batches cb
                           WHERE cb.import_job_id = $2 AND cb.written_at = c.created_at AND c.id = ANY(cb.created_ids))
                       AS created_by_import
            FROM unnest($4::uuid[]) AS u(id)
            CROSS JOIN LATERAL (SELECT * FROM import_undo d
                                WHERE d.import_job_id = $2 AND d.contact_id = u.id AND d.batch_id = $3 LIMIT 1) d
            LEFT JOIN LATERAL (SELECT c.updated_at, c.email, c.created_at, c.id FROM contacts c
                               WHERE c.id = d.contact_id AND c.tenant_id = $1 LIMIT 1) c ON true
            """;

    private static final String RESTORE_CONTACTS = """
            UPDATE contacts c
            SET first_name = d.first_name, last_name = d.last_name, company = d.company, phone = d.phone,
                custom_fields = d.custom_fields, updated_at = d.updated_at
            FROM unnest($4::uuid[]) AS u(id)
            CROSS JOIN LATERAL (SELECT * FROM import_undo d
                                WHERE d.import_job_id = $2 AND d.contact_id = u.id AND d.batch_id = $3 LIMIT 1) d
            CROSS JOIN LATERAL (SELECT x.ctid AS tid FROM contacts x WHERE x.id = u.id AND x.tenant_id = $1 LIMIT 1) found
            WHERE d.rewritten AND c.ctid = found.tid
            """;

    private static final String DELETE_CONTACTS = """
            DELETE FROM contacts c
            USING unnest($2::uuid[]) AS u(id)
            CROSS JOIN LATERAL (SELECT x.ctid AS tid FROM contacts x WHERE x.id = u.id AND x.tenant_id = $1 LIMIT 1) found
            WHERE c.ctid = found.tid
            """;

    private static final String DETACH_TAGS = """
            DELETE FROM contact_tags ct
            USING unnest($2::uuid[], $3::uuid[]) AS u(contact_id, tag_id)
            CROSS JOIN LATERAL (SELECT l.ctid AS tid FROM contact_tags l
                                JOIN contacts c ON c.id = l.contact_id AND c.tenant_id = $1
                                WHERE l.contact_id = u.contact_id AND l.tag_id = u.tag_id LIMIT 1) found
            WHERE ct.ctid = found.tid
            """;

    private static final String REMOVE_FROM_SEGMENT = """
            DELETE FROM segment_contacts sc
            USING import_jobs j CROSS JOIN unnest($3::uuid[]) AS u(id)
            CROSS JOIN LATERAL (SELECT m.ctid AS tid FROM segment_contacts m
                                JOIN contacts c ON c.id = m.contact_id AND c.tenant_id = $1
                                WHERE m.contact_id = u.id AND m.segment_id = j.segment_id LIMIT 1) found
            WHERE j.tenant_id = $1 AND j.id = $2 AND sc.ctid = found.tid
            """;

    private static final String RECORD_CONFLICTS = """
            INSERT INTO import_rollback_conflicts (import_job_id, contact_id)
            SELECT j.id, u.id FROM import_jobs j, unnest($3::uuid[]) AS u(id)
            WHERE j.tenant_id = $1 AND j.id = $2
            ON CONFLICT DO NOTHING
            """;

    // Only what this import created and nothing else uses now: another import's or a user's
    // members keep the segment, and a tag still on some contact stays.
    private static final String REMOVE_CREATED_SEGMENT = """
            DELETE FROM segments s
            USING import_jobs j
            WHERE j.tenant_id = $1 AND j.id = $2 AND j.segment_created
              AND s.tenant_id = $1 AND s.id = j.segment_id
              AND NOT EXISTS (SELECT 1 FROM segment_contacts sc WHERE sc.segment_id = s.id)
            """;

    private static final String REMOVE_CREATED_TAGS = """
            DELETE FROM tags t
            USING import_jobs j
            WHERE j.tenant_id = $1 AND j.id = $2
              AND t.tenant_id = $1 AND t.id = ANY(j.created_tag_ids)
              AND NOT EXISTS (SELECT 1 FROM contact_tags ct WHERE ct.tag_id = t.id)
            """;

    private static final String FORGET_CONFLICTS = """
            DELETE FROM import_rollback_conflicts x USING import_jobs j
            WHERE j.tenant_id = $1 AND j.id = $2 AND x.import_job_id = j.id
            """;

    private static final String FORGET_DRY_RUN_KEYS = """
            DELETE FROM import_dry_run_keys WHERE tenant_id = $1 AND import_job_id = $2
            """;

    /**
     * Undoes the newest batch older than {@code beforeBatchId}.
     *
     * @param beforeBatchId the {@code lastBatchId} of the previous call, or 0 to start with the newest batch
     */
    public Future<RollbackResult> rollback(SqlConnection tx, UUID tenantId, UUID importJobId, boolean force,
                                           long beforeBatchId) {
        long before = beforeBatchId <= 0 ? Long.MAX_VALUE : beforeBatchId;
        return tx.preparedQuery(NEXT_BATCH).execute(Params.of(tenantId, importJobId, before)).compose(next -> {
            if (next.size() == 0) {
                return Future.succeededFuture(new RollbackResult(0, 0, List.of(), beforeBatchId, true));
            }
            Row batch = next.iterator().next();
            return undo(tx, tenantId, importJobId, force, batch);
        });
    }

    /** After the last batch: drops the segment and tags this import created once nothing holds them. */
    public Future<Void> finish(SqlConnection tx, UUID tenantId, UUID importJobId) {
        return tx.preparedQuery(REMOVE_CREATED_SEGMENT).execute(Params.of(tenantId, importJobId))
                .compose(v -> tx.preparedQuery(REMOVE_CREATED_TAGS).execute(Params.of(tenantId, importJobId)))
                .compose(v -> tx.preparedQuery(FORGET_CONFLICTS).execute(Params.of(tenantId, importJobId)))
                .compose(v -> tx.preparedQuery(FORGET_DRY_RUN_KEYS).execute(Params.of(tenantId, importJobId)))
                .mapEmpty();
    }

    private Future<RollbackResult> undo(SqlConnection tx, UUID tenantId, UUID importJobId, boolean force, Row batch) {
        long batchId = batch.getLong("id");
        UUID[] created = batch.getArrayOfUUIDs("created_ids");
        UUID[] changed = batch.getArrayOfUUIDs("changed_ids");
        Future<RowSet<Row>> createdNow = created.length == 0 ? Future.succeededFuture(null)
                : tx.preparedQuery(CREATED_NOW).execute(Params.of(tenantId, importJobId, created));
        Future<RowSet<Row>> changedNow = changed.length == 0 ? Future.succeededFuture(null)
                : tx.preparedQuery(CHANGED_NOW).execute(Params.of(tenantId, importJobId, batchId, changed));
        return Future.all(createdNow, changedNow).compose(both -> {
            BatchUndo undo = BatchUndo.of(batch, createdNow.result(), changedNow.result(), force);
            return apply(tx, tenantId, importJobId, batchId, undo).map(v -> new RollbackResult(undo.deleted.size(),
                    undo.restored, undo.conflicts, batchId, !batch.getBoolean("more")));
        });
    }

    private Future<Void> apply(SqlConnection tx, UUID tenantId, UUID importJobId, long batchId, BatchUndo undo) {
        return Future.all(
                undo.rewritten.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(RESTORE_CONTACTS)
                        .execute(Params.of(tenantId, importJobId, batchId, undo.rewritten.toArray(UUID[]::new))),
                undo.tagContacts.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(DETACH_TAGS)
                        .execute(Params.of(tenantId, undo.tagContacts.toArray(UUID[]::new), undo.tags.toArray(UUID[]::new))),
                undo.segmentContacts.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(REMOVE_FROM_SEGMENT)
                        .execute(Params.of(tenantId, importJobId, undo.segmentContacts.toArray(UUID[]::new))),
                undo.deleted.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(DELETE_CONTACTS)
                        .execute(Params.of(tenantId, undo.deleted.toArray(UUID[]::new))),
                undo.conflicts.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(RECORD_CONFLICTS)
                        .execute(Params.of(tenantId, importJobId,
                                undo.conflicts.stream().map(RollbackResult.Conflict::contactId).toArray(UUID[]::new))))
                .mapEmpty();
    }
}
