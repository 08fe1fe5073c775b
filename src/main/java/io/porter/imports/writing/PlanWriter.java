package io.porter.imports.writing;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a {@link BatchPlan}: inserts the new contacts, links tags and the segment, and in one
 * statement logs the batch for rollback and rewrites the changed contacts. Statements that do not
 * wait for another's answer are sent together (the client pipelines them on the connection).
 *
 * <p>Every statement reaches existing contacts from the batch's ids, one primary-key probe each, as a
 * LATERAL subquery with LIMIT 1 (an UPDATE then takes the row by its ctid): no row estimate can turn
 * that into a scan of all the tenant's contacts, which PostgreSQL otherwise prefers for a few
 * thousand ids, and always when a fast-growing table's statistics are stale.
 */
final class PlanWriter {

    // The tenant comes from the import job (which references tenants): one check per batch where a
    // foreign key on contacts.tenant_id would check every row.
    private static final String INSERT_CONTACTS = """
            INSERT INTO contacts (id, tenant_id, email, email_key, first_name, last_name, company, phone,
                                  custom_fields, duplicate_of)
            SELECT u.id, j.tenant_id, u.email, u.email_key, u.first_name, u.last_name, u.company, u.phone,
                   u.custom_fields::jsonb, u.duplicate_of
            FROM import_jobs j,
                 unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                        $10::text[], $11::uuid[])
                 AS u(id, email, email_key, first_name, last_name, company, phone, custom_fields, duplicate_of)
            WHERE j.tenant_id = $1 AND j.id = $2
            """;

    // Contacts created by this batch have no links yet, and a rollback deletes them with theirs.
    private static final String TAG_CREATED = """
            INSERT INTO contact_tags (contact_id, tag_id)
            SELECT u.id, t.id FROM unnest($2::uuid[]) AS u(id) JOIN tags t ON t.tenant_id = $1 AND t.id = ANY($3::uuid[])
            """;

    // Existing contacts: only the links this import adds are returned, so a rollback never removes
    // a tag the contact had before.
    private static final String TAG_EXISTING = """
            INSERT INTO contact_tags (contact_id, tag_id)
            SELECT mine.id, t.id
            FROM unnest($2::uuid[]) AS u(id)
            CROSS JOIN LATERAL (SELECT c.id FROM contacts c WHERE c.id = u.id AND c.tenant_id = $1 LIMIT 1) mine
            JOIN tags t ON t.tenant_id = $1 AND t.id = ANY($3::uuid[])
            ON CONFLICT DO NOTHING
            RETURNING contact_id, tag_id
            """;

    private static final String ADD_CREATED_TO_SEGMENT = """
            INSERT INTO segment_contacts (segment_id, contact_id)
            SELECT s.id, u.id FROM unnest($3::uuid[]) AS u(id) JOIN segments s ON s.id = $2 AND s.tenant_id = $1
            """;

    private static final String ADD_EXISTING_TO_SEGMENT = """
            INSERT INTO segment_contacts (segment_id, contact_id)
            SELECT s.id, mine.id
            FROM unnest($3::uuid[]) AS u(id)
            CROSS JOIN LATERAL (SELECT c.id FROM contacts c WHERE c.id = u.id AND c.tenant_id = $1 LIMIT 1) mine
            JOIN segments s ON s.id = $2 AND s.tenant_id = $1
            ON CONFLICT DO NOTHING
            RETURNING contact_id
            """;

    // A batch that changed no existing contact logs only what it created. The statement below would do the
    // same, but PostgreSQL plans it anew for each batch (custom plans for its array parameters): about 2 ms,
    // as long as the rest of the log write, in every batch of a new-contact import.
    private static final String LOG_CREATED = """
            INSERT INTO import_batches (import_job_id, created_ids, created_rows)
            SELECT j.id, $3::uuid[], $4::bigint[] FROM import_jobs j WHERE j.tenant_id = $1 AND j.id = $2
            """;

    // The batch's log row, the previous state of each changed contact, and the rewrite, in one
    // statement. The rewrite applies only where the contact still holds what the lookup read (the
    // lookup takes no lock): otherwise fewer rows change than planned and the batch fails, to be
    // retried on fresh reads, so the log always holds exactly what the rewrite replaced.
    private static final String LOG_AND_REWRITE = """
            WITH batch AS (
                INSERT INTO import_batches (import_job_id, created_ids, created_rows, changed_ids, tag_contacts,
                                            tag_ids, segment_contacts)
                SELECT j.id, $3::uuid[], $4::bigint[], $5::uuid[], $6::uuid[], $7::uuid[], $8::uuid[]
                FROM import_jobs j WHERE j.tenant_id = $1 AND j.id = $2
                RETURNING id, import_job_id
            ), changes AS (
                SELECT * FROM unnest($5::uuid[], $9::boolean[], $10::text[], $11::text[], $12::text[], $13::text[],
                                     $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[],
                                     $20::timestamptz[])
                    AS u(id, rewritten, first_name, last_name, company, phone, custom_fields, old_first_name,
                         old_last_name, old_company, old_phone, old_custom_fields, old_updated_at)
            ), undo AS (
                INSERT INTO import_undo (import_job_id, contact_id, batch_id, rewritten, first_name, last_name,
                                         company, phone, custom_fields, updated_at)
                SELECT b.import_job_id, u.id, b.id, u.rewritten, u.old_first_name, u.old_last_name, u.old_company,
                       u.old_phone, u.old_custom_fields::jsonb, u.old_updated_at
                FROM batch b, changes u
            )
            UPDATE contacts c
            SET first_name = u.first_name, last_name = u.last_name, company = u.company, phone = u.phone,
                custom_fields = u.custom_fields::jsonb, updated_at = now()
            FROM changes u
            CROSS JOIN LATERAL (SELECT x.ctid AS tid FROM contacts x WHERE x.id = u.id AND x.tenant_id = $1 LIMIT 1) found
            WHERE u.rewritten AND c.ctid = found.tid
              AND c.updated_at = u.old_updated_at
              AND c.first_name IS NOT DISTINCT FROM u.old_first_name AND c.last_name IS NOT DISTINCT FROM u.old_last_name
              AND c.company IS NOT DISTINCT FROM u.old_company AND c.phone IS NOT DISTINCT FROM u.old_phone
              AND c.custom_fields = u.old_custom_fields::jsonb
            """;

    Future<Void> write(SqlConnection tx, ImportTarget target, PreparedImport prepared, BatchPlan plan) {
        UUID[] created = plan.inserts.stream().map(BatchPlan.NewContact::id).toArray(UUID[]::new);
        UUID[] matched = plan.updates.stream().map(update -> update.before().id()).toArray(UUID[]::new);
        Future<Void> inserted = insertContacts(tx, target, plan.inserts);
        Future<Map<UUID, List<UUID>>> tagged = tag(tx, target, prepared, created, matched);
        Future<Set<UUID>> segmented = addToSegment(tx, target, prepared, created, matched);
        Future<Void> logged = Future.all(tagged, segmented)
                .compose(both -> logAndRewrite(tx, target, plan, tagged.result(), segmented.result()));
        return Future.all(inserted, logged).mapEmpty();
    }

    private Future<Void> insertContacts(SqlConnection tx, ImportTarget target, List<BatchPlan.NewContact> inserts) {
        if (inserts.isEmpty()) {
            return Future.succeededFuture();
        }
        int n = inserts.size();
        UUID[] ids = new UUID[n];
        String[] emails = new String[n];
        String[] keys = new String[n];
        String[] firstNames = new String[n];
        String[] lastNames = new String[n];
        String[] companies = new String[n];
        String[] phones = new String[n];
        String[] customFields = new String[n];
        UUID[] duplicateOf = new UUID[n];
        for (int i = 0; i < n; i++) {
            BatchPlan.NewContact contact = inserts.get(i);
            ContactValues values = contact.values();
            ids[i] = contact.id();
            emails[i] = values.email();
            keys[i] = contact.emailKey();
            firstNames[i] = values.firstName();
            lastNames[i] = values.lastName();
            companies[i] = values.company();
            phones[i] = values.phone();
            customFields[i] = values.customFieldsJson();
            duplicateOf[i] = contact.duplicateOf();
        }
        return tx.preparedQuery(INSERT_CONTACTS).execute(Params.of(target.tenantId(), target.importJobId(), ids, emails,
                keys, firstNames, lastNames, companies, phones, customFields, duplicateOf)).mapEmpty();
    }

    /** Links the import's tags; answers the links newly added to existing contacts. */
    private Future<Map<UUID, List<UUID>>> tag(SqlConnection tx, ImportTarget target, PreparedImport prepared,
                                              UUID[] created, UUID[] matched) {
        if (prepared.tagIds().isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        UUID[] tags = prepared.tagIds().toArray(UUID[]::new);
        Future<?> createdTagged = created.length == 0 ? Future.succeededFuture()
                : tx.preparedQuery(TAG_CREATED).execute(Params.of(target.tenantId(), created, tags));
        Future<Map<UUID, List<UUID>>> added = matched.length == 0 ? Future.succeededFuture(Map.of())
                : tx.preparedQuery(TAG_EXISTING).execute(Params.of(target.tenantId(), matched, tags)).map(rows -> {
                    Map<UUID, List<UUID>> links = new HashMap<>();
                    for (Row row : rows) {
                        links.computeIfAbsent(row.getUUID("contact_id"), id -> new ArrayList<>()).add(row.getUUID("tag_id"));
                    }
                    return links;
                });
        return Future.all(createdTagged, added).map(both -> added.result());
    }

    /** Adds to the import's segment; answers the existing contacts newly added. */
    private Future<Set<UUID>> addToSegment(SqlConnection tx, ImportTarget target, PreparedImport prepared,
                                           UUID[] created, UUID[] matched) {
        if (prepared.segmentId() == null) {
            return Future.succeededFuture(Set.of());
        }
        Future<?> createdAdded = created.length == 0 ? Future.succeededFuture()
                : tx.preparedQuery(ADD_CREATED_TO_SEGMENT).execute(Params.of(target.tenantId(), prepared.segmentId(), created));
        Future<Set<UUID>> added = matched.length == 0 ? Future.succeededFuture(Set.of())
                : tx.preparedQuery(ADD_EXISTING_TO_SEGMENT).execute(Params.of(target.tenantId(), prepared.segmentId(), matched))
                .map(rows -> {
                    Set<UUID> contacts = new HashSet<>();
                    rows.forEach(row -> contacts.add(row.getUUID("contact_id")));
                    return contacts;
                });
        return Future.all(createdAdded, added).map(both -> added.result());
    }

    private Future<Void> logAndRewrite(SqlConnection tx, ImportTarget target, BatchPlan plan,
                                       Map<UUID, List<UUID>> tagsAdded, Set<UUID> addedToSegment) {
        List<BatchPlan.UpdatedContact> changed = plan.updates.stream()
                .filter(u -> u.rewritten() || tagsAdded.containsKey(u.before().id()) || addedToSegment.contains(u.before().id()))
                .toList();
        if (plan.inserts.isEmpty() && changed.isEmpty()) {
            return Future.succeededFuture();
        }
        if (changed.isEmpty()) {
            return tx.preparedQuery(LOG_CREATED).execute(Params.of(target.tenantId(), target.importJobId(),
                    plan.inserts.stream().map(BatchPlan.NewContact::id).toArray(UUID[]::new),
                    plan.inserts.stream().map(BatchPlan.NewContact::row).toArray(Long[]::new))).mapEmpty();
        }
        Changes changes = new Changes(changed);
        List<UUID> tagContacts = new ArrayList<>();
        List<UUID> tagIds = new ArrayList<>();
        tagsAdded.forEach((contact, tags) -> tags.forEach(tag -> {
            tagContacts.add(contact);
            tagIds.add(tag);
        }));
        return tx.preparedQuery(LOG_AND_REWRITE).execute(Params.of(target.tenantId(), target.importJobId(),
                        plan.inserts.stream().map(BatchPlan.NewContact::id).toArray(UUID[]::new),
                        plan.inserts.stream().map(BatchPlan.NewContact::row).toArray(Long[]::new),
                        changes.ids, tagContacts.toArray(UUID[]::new), tagIds.toArray(UUID[]::new),
                        addedToSegment.toArray(UUID[]::new), changes.rewritten,
                        changes.firstNames, changes.lastNames, changes.companies, changes.phones, changes.customFields,
                        changes.oldFirstNames, changes.oldLastNames, changes.oldCompanies, changes.oldPhones,
                        changes.oldCustomFields, changes.oldUpdatedAt))
                .compose(rows -> rows.rowCount() == changes.rewrites ? Future.succeededFuture()
                        : Future.failedFuture(new ContactChangedMeanwhileException(changes.rewrites, rows.rowCount())));
    }

    /** The changed contacts as statement columns: new values where rewritten, and what was there before. */
    private static final class Changes {
        final UUID[] ids;
        final Boolean[] rewritten;
        final String[] firstNames;
        final String[] lastNames;
        final String[] companies;
        final String[] phones;
        final String[] customFields;
        final String[] oldFirstNames;
        final String[] oldLastNames;
        final String[] oldCompanies;
        final String[] oldPhones;
        final String[] oldCustomFields;
        final OffsetDateTime[] oldUpdatedAt;
        int rewrites;

        Changes(List<BatchPlan.UpdatedContact> changed) {
            int n = changed.size();
            ids = new UUID[n];
            rewritten = new Boolean[n];
            firstNames = new String[n];
            lastNames = new String[n];
            companies = new String[n];
            phones = new String[n];
            customFields = new String[n];
            oldFirstNames = new String[n];
            oldLastNames = new String[n];
            oldCompanies = new String[n];
            oldPhones = new String[n];
            oldCustomFields = new String[n];
            oldUpdatedAt = new OffsetDateTime[n];
            for (int i = 0; i < n; i++) {
                BatchPlan.UpdatedContact contact = changed.get(i);
                ExistingContact before = contact.before();
                ids[i] = before.id();
                rewritten[i] = contact.rewritten();
                oldUpdatedAt[i] = before.updatedAt();
                if (contact.rewritten()) {
                    rewrites++;
                    ContactValues after = contact.after();
                    firstNames[i] = after.firstName();
                    lastNames[i] = after.lastName();
                    companies[i] = after.company();
                    phones[i] = after.phone();
                    customFields[i] = after.customFieldsJson();
                    ContactValues old = before.values();
                    oldFirstNames[i] = old.firstName();
                    oldLastNames[i] = old.lastName();
                    oldCompanies[i] = old.company();
                    oldPhones[i] = old.phone();
                    oldCustomFields[i] = before.customFieldsText();
                }
            }
        }
    }
}
