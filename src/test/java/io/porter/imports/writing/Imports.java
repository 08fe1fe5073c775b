package io.porter.imports.writing;

import io.porter.imports.ContactDraft;
import io.porter.imports.DuplicateStrategy;
import io.porter.imports.RowError;
import io.porter.testing.Await;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.porter.testing.Await.result;

/** Test helpers: tenants, jobs, drafts, whole imports run batch by batch, and table snapshots. */
final class Imports {

    private final Pool pool;
    private final ImportPreparation preparation = new ImportPreparation();
    private final ContactWriter writer = new ContactWriter();
    private final ImportRollback rollback = new ImportRollback();

    Imports(Pool pool) {
        this.pool = pool;
    }

    UUID newTenant() {
        UUID tenant = UUID.randomUUID();
        result(pool.preparedQuery("INSERT INTO tenants (id) VALUES ($1)").execute(Tuple.of(tenant)));
        return tenant;
    }

    ImportTarget newImport(UUID tenant, DuplicateStrategy strategy, boolean overwriteWithBlanks, List<String> tags,
                           String segmentName) {
        UUID job = UUID.randomUUID();
        result(pool.preparedQuery("INSERT INTO import_jobs (id, tenant_id, file_name, file_url) VALUES ($1, $2, 'f.csv', 'local://f.csv')")
                .execute(Tuple.of(job, tenant)));
        return new ImportTarget(tenant, job, strategy, overwriteWithBlanks, tags, segmentName);
    }

    UUID existingContact(UUID tenant, String email, String firstName, String lastName, String company, String phone,
                         String customFieldsJson) {
        return result(pool.preparedQuery("""
                        INSERT INTO contacts (tenant_id, email, email_key, first_name, last_name, company, phone, custom_fields, updated_at)
                        VALUES ($1, $2, lower(btrim($2)), $3, $4, $5, $6, $7::text::jsonb, now() - interval '1 day')
                        RETURNING id
                        """)
                .execute(Tuple.of(tenant, email, firstName, lastName, company, phone, customFieldsJson)))
                .iterator().next().getUUID("id");
    }

    static ContactDraft draft(long row, String email, String firstName) {
        return draft(row, email, firstName, null, null, null, Map.of());
    }

    static ContactDraft draft(long row, String email, String firstName, String lastName, String company, String phone,
                              Map<String, String> customFields) {
        return new ContactDraft(row, email, email.trim().toLowerCase(Locale.ROOT), firstName, lastName, company, phone,
                customFields);
    }

    /** Prepares (unless a dry run) and writes each batch in its own transaction; answers the totals. */
    BatchResult run(ImportTarget target, boolean dryRun, List<List<ContactDraft>> batches) {
        PreparedImport prepared = dryRun
                ? new PreparedImport(List.of(), null)
                : result(pool.withTransaction(tx -> preparation.prepare(tx, target)));
        int created = 0;
        int updated = 0;
        int skipped = 0;
        List<RowError> notes = new ArrayList<>();
        for (List<ContactDraft> batch : batches) {
            BatchResult result = result(pool.withTransaction(tx -> writer.write(tx, target, prepared, batch, dryRun)));
            created += result.created();
            updated += result.updated();
            skipped += result.skipped();
            notes.addAll(result.notes());
        }
        if (dryRun) {
            result(pool.withTransaction(tx -> writer.finishDryRun(tx, target.tenantId(), target.importJobId())));
        }
        return new BatchResult(created, updated, skipped, notes);
    }

    /** The plan of one batch, made in a transaction of its own. */
    BatchPlan plan(ImportTarget target, List<ContactDraft> batch) {
        return result(pool.withTransaction(tx -> writer.plan(tx, target, BatchDrafts.of(batch), false)));
    }

    /** Writes a plan made earlier, with no tags or segment; answers why it failed (an AssertionError when it did not). */
    Throwable writeFailure(ImportTarget target, BatchPlan plan) {
        return Await.failure(pool.withTransaction(tx ->
                writer.write(tx, target, new PreparedImport(List.of(), null), plan, false, Future::succeededFuture)));
    }

    /** Rolls the whole import back one written batch per transaction, then finishes; answers the totals. */
    RollbackResult rollBack(ImportTarget target, boolean force) {
        int deleted = 0;
        int restored = 0;
        List<RollbackResult.Conflict> conflicts = new ArrayList<>();
        long cursor = 0;
        while (true) {
            long after = cursor;
            RollbackResult step = result(pool.withTransaction(tx ->
                    rollback.rollback(tx, target.tenantId(), target.importJobId(), force, after)));
            deleted += step.deleted();
            restored += step.restored();
            conflicts.addAll(step.conflicts());
            cursor = step.lastBatchId();
            if (step.done()) {
                result(pool.withTransaction(tx -> rollback.finish(tx, target.tenantId(), target.importJobId())));
                return new RollbackResult(deleted, restored, conflicts, cursor, true);
            }
        }
    }

    /** Every row of the tenant's contacts, contact_tags, segment_contacts, tags and segments, as JSON text. */
    List<String> snapshot(UUID tenant) {
        return strings("""
                SELECT 'contact ' || row_to_json(c)::text FROM contacts c WHERE c.tenant_id = $1
                UNION ALL
                SELECT 'contact_tag ' || row_to_json(ct)::text
                FROM contact_tags ct JOIN contacts c ON c.id = ct.contact_id WHERE c.tenant_id = $1
                UNION ALL
                SELECT 'segment_contact ' || row_to_json(sc)::text
                FROM segment_contacts sc JOIN contacts c ON c.id = sc.contact_id WHERE c.tenant_id = $1
                UNION ALL
                SELECT 'tag ' || row_to_json(t)::text FROM tags t WHERE t.tenant_id = $1
                UNION ALL
                SELECT 'segment ' || row_to_json(s)::text FROM segments s WHERE s.tenant_id = $1
                ORDER BY 1
                """, tenant);
    }

    /** "email first last company phone {custom}" per contact of the tenant, ordered by email then row id. */
    List<String> contacts(UUID tenant) {
        return strings("""
                SELECT concat_ws(' ', email, first_name, last_name, company, phone, custom_fields::text,
                                 CASE WHEN duplicate_of IS NOT NULL THEN 'duplicate' END)
                FROM contacts WHERE tenant_id = $1 ORDER BY email_key, duplicate_of NULLS FIRST, created_at, email, first_name
                """, tenant);
    }

    /** The emails of the tenant's contacts that carry the tag. */
    List<String> taggedEmails(UUID tenant, String tag) {
        return strings("""
                SELECT c.email FROM contacts c
                JOIN contact_tags ct ON ct.contact_id = c.id JOIN tags t ON t.id = ct.tag_id
                WHERE c.tenant_id = $1 AND t.name = $2 ORDER BY c.email
                """, tenant, tag);
    }

    List<String> segmentEmails(UUID tenant, String segment) {
        return strings("""
                SELECT c.email FROM contacts c
                JOIN segment_contacts sc ON sc.contact_id = c.id JOIN segments s ON s.id = sc.segment_id
                WHERE c.tenant_id = $1 AND s.name = $2 ORDER BY c.email
                """, tenant, segment);
    }

    List<String> strings(String sql, Object... args) {
        Future<List<String>> rows = pool.preparedQuery(sql).execute(Params.of(args)).map(set -> {
            List<String> values = new ArrayList<>();
            for (Row row : set) {
                values.add(row.getString(0));
            }
            return values;
        });
        return result(rows);
    }
}
