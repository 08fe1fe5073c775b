package io.porter.imports.writing;

import io.porter.imports.ContactDraft;
import io.porter.imports.DuplicateStrategy;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes one batch of drafts inside the caller's transaction with a fixed handful of set-based
 * statements: match, insert, update, attach tags, add to the segment, log events. The decisions are
 * made in memory ({@link BatchPlan}) from one lookup, so a dry run runs the lookup and nothing else.
 */
public final class ContactWriter {

    // After five executions PostgreSQL may plan these statements generically, guessing 10 rows for
    // every unnest and ANY array; a batch holds thousands, so each batch is planned for its real
    // arrays. The statements start from the batch's ids (unnest joined to contacts by primary key)
    // so that no plan scans all of a large tenant's contacts.
    private static final String CUSTOM_PLANS = "SET LOCAL plan_cache_mode = force_custom_plan";

    private static final String MATCH_EXISTING = """
            SELECT c.id, c.email_key, c.email, c.first_name, c.last_name, c.company, c.phone, c.custom_fields,
                   c.updated_at, NULL::bigint AS first_row_in_import
            FROM contacts c
            WHERE c.tenant_id = $1 AND c.duplicate_of IS NULL AND c.email_key = ANY($2::text[])
            """;

    // Locked so that the rollback log's previous state is exactly what the update replaces.
    private static final String MATCH_EXISTING_FOR_UPDATE = MATCH_EXISTING + "FOR NO KEY UPDATE OF c\n";

    // Skip mode only needs to know which matches this import created, and at which row: in-file duplicates.
    private static final String MATCH_EXISTING_FOR_SKIP = """
            SELECT c.id, c.email_key, c.email, c.first_name, c.last_name, c.company, c.phone, c.custom_fields,
                   c.updated_at,
                   (SELECT min((e.new_data ->> 'row')::bigint) FROM import_events e
                    WHERE e.contact_id = c.id AND e.import_job_id = $3) AS first_row_in_import
            FROM contacts c
            WHERE c.tenant_id = $1 AND c.duplicate_of IS NULL AND c.email_key = ANY($2::text[])
            """;

    private static final String MATCH_SEEN_IN_DRY_RUN = """
            SELECT email_key, first_row FROM import_dry_run_keys
            WHERE tenant_id = $1 AND import_job_id = $2 AND email_key = ANY($3::text[])
            """;

    private static final String REMEMBER_DRY_RUN_KEYS = """
            INSERT INTO import_dry_run_keys (import_job_id, tenant_id, email_key, first_row)
            SELECT $2, $1, u.email_key, u.first_row FROM unnest($3::text[], $4::bigint[]) AS u(email_key, first_row)
            ON CONFLICT DO NOTHING
            """;

    private static final String FORGET_DRY_RUN_KEYS = """
            DELETE FROM import_dry_run_keys WHERE tenant_id = $1 AND import_job_id = $2
            """;

    private static final String INSERT_CONTACTS = """
            INSERT INTO contacts (id, tenant_id, email, email_key, first_name, last_name, company, phone,
                                  custom_fields, duplicate_of)
            SELECT u.id, $1, u.email, u.email_key, u.first_name, u.last_name, u.company, u.phone,
                   u.custom_fields::jsonb, u.duplicate_of
            FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                        $9::text[], $10::uuid[])
                 AS u(id, email, email_key, first_name, last_name, company, phone, custom_fields, duplicate_of)
            """;

    private static final String UPDATE_CONTACTS = """
            UPDATE contacts c
            SET first_name = u.first_name, last_name = u.last_name, company = u.company, phone = u.phone,
                custom_fields = u.custom_fields::jsonb, updated_at = now()
            FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
                 AS u(id, first_name, last_name, company, phone, custom_fields)
            WHERE c.tenant_id = $1 AND c.id = u.id
            """;

    private static final String ATTACH_TAGS = """
            INSERT INTO contact_tags (contact_id, tag_id)
            SELECT c.id, t.id
            FROM unnest($2::uuid[]) AS u(id)
            JOIN contacts c ON c.id = u.id AND c.tenant_id = $1
            JOIN tags t ON t.tenant_id = $1 AND t.id = ANY($3::uuid[])
            ON CONFLICT DO NOTHING
            RETURNING contact_id, tag_id
            """;

    private static final String ADD_TO_SEGMENT = """
            INSERT INTO segment_contacts (segment_id, contact_id)
            SELECT s.id, c.id
            FROM unnest($3::uuid[]) AS u(id)
            JOIN contacts c ON c.id = u.id AND c.tenant_id = $1
            JOIN segments s ON s.id = $2 AND s.tenant_id = $1
            ON CONFLICT DO NOTHING
            RETURNING contact_id
            """;

    // new_data gets updatedAt here: now() is the updated_at the insert or update just wrote.
    private static final String LOG_EVENTS = """
            INSERT INTO import_events (import_job_id, contact_id, event_type, previous_data, new_data)
            SELECT j.id, u.contact_id, u.event_type, u.previous_data::jsonb,
                   u.new_data::jsonb || jsonb_build_object('updatedAt', coalesce(u.kept_updated_at::timestamptz, now()))
            FROM import_jobs j,
                 unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[])
                 AS u(contact_id, event_type, previous_data, new_data, kept_updated_at)
            WHERE j.tenant_id = $1 AND j.id = $2
            """;

    public Future<BatchResult> write(SqlConnection tx, ImportTarget target, PreparedImport prepared,
                                     List<ContactDraft> batch, boolean dryRun) {
        if (batch.isEmpty()) {
            return Future.succeededFuture(new BatchResult(0, 0, 0, List.of()));
        }
        String[] keys = BatchPlan.groupByEmailKey(batch).keySet().toArray(String[]::new);
        return tx.query(CUSTOM_PLANS).execute()
                .compose(ignored -> matchExisting(tx, target, keys))
                .compose(existing -> (dryRun ? matchSeenInDryRun(tx, target, keys) : Future.succeededFuture(Map.<String, Long>of()))
                        .map(seen -> BatchPlan.of(target, batch, existing, seen)))
                .compose(plan -> (dryRun ? rememberDryRunKeys(tx, target, plan) : writePlan(tx, target, prepared, plan))
                        .map(v -> new BatchResult(plan.created, plan.updated, plan.skipped, plan.notes)));
    }

    /** After a dry run's last batch: forgets the emails it remembered to count duplicates across batches. */
    public Future<Void> finishDryRun(SqlConnection tx, UUID tenantId, UUID importJobId) {
        return tx.preparedQuery(FORGET_DRY_RUN_KEYS).execute(Params.of(tenantId, importJobId)).mapEmpty();
    }

    private Future<Map<String, ExistingContact>> matchExisting(SqlConnection tx, ImportTarget target, String[] keys) {
        Future<RowSet<Row>> matched = switch (target.strategy()) {
            case SKIP -> tx.preparedQuery(MATCH_EXISTING_FOR_SKIP).execute(Params.of(target.tenantId(), keys, target.importJobId()));
            case UPDATE -> tx.preparedQuery(MATCH_EXISTING_FOR_UPDATE).execute(Params.of(target.tenantId(), keys));
            case CREATE -> tx.preparedQuery(MATCH_EXISTING).execute(Params.of(target.tenantId(), keys));
        };
        return matched
                .map(rows -> {
                    Map<String, ExistingContact> existing = new HashMap<>();
                    for (Row row : rows) {
                        ExistingContact contact = ExistingContact.from(row);
                        existing.put(contact.emailKey(), contact);
                    }
                    return existing;
                });
    }

    private Future<Map<String, Long>> matchSeenInDryRun(SqlConnection tx, ImportTarget target, String[] keys) {
        return tx.preparedQuery(MATCH_SEEN_IN_DRY_RUN).execute(Params.of(target.tenantId(), target.importJobId(), keys))
                .map(rows -> {
                    Map<String, Long> seen = new HashMap<>();
                    rows.forEach(row -> seen.put(row.getString("email_key"), row.getLong("first_row")));
                    return seen;
                });
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

    private Future<Void> writePlan(SqlConnection tx, ImportTarget target, PreparedImport prepared, BatchPlan plan) {
        List<BatchPlan.UpdatedContact> rewritten = plan.updates.stream().filter(BatchPlan.UpdatedContact::rewritten).toList();
        UUID[] touched = touchedContactIds(plan);
        return insertContacts(tx, target, plan.inserts)
                .compose(v -> updateContacts(tx, target, rewritten))
                .compose(v -> attachTags(tx, target, prepared, touched))
                .compose(tags -> addToSegment(tx, target, prepared, touched)
                        .compose(added -> logEvents(tx, target, plan, tags, added)));
    }

    private static UUID[] touchedContactIds(BatchPlan plan) {
        Set<UUID> ids = new LinkedHashSet<>();
        plan.inserts.forEach(contact -> ids.add(contact.id()));
        plan.updates.forEach(contact -> ids.add(contact.before().id()));
        return ids.toArray(UUID[]::new);
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
            customFields[i] = values.customFields().encode();
            duplicateOf[i] = contact.duplicateOf();
        }
        return tx.preparedQuery(INSERT_CONTACTS).execute(Params.of(target.tenantId(), ids, emails, keys, firstNames,
                lastNames, companies, phones, customFields, duplicateOf)).mapEmpty();
    }

    private Future<Void> updateContacts(SqlConnection tx, ImportTarget target, List<BatchPlan.UpdatedContact> updates) {
        if (updates.isEmpty()) {
            return Future.succeededFuture();
        }
        int n = updates.size();
        UUID[] ids = new UUID[n];
        String[] firstNames = new String[n];
        String[] lastNames = new String[n];
        String[] companies = new String[n];
        String[] phones = new String[n];
        String[] customFields = new String[n];
        for (int i = 0; i < n; i++) {
            ContactValues values = updates.get(i).after();
            ids[i] = updates.get(i).before().id();
            firstNames[i] = values.firstName();
            lastNames[i] = values.lastName();
            companies[i] = values.company();
            phones[i] = values.phone();
            customFields[i] = values.customFields().encode();
        }
        return tx.preparedQuery(UPDATE_CONTACTS).execute(Params.of(target.tenantId(), ids, firstNames, lastNames,
                companies, phones, customFields)).mapEmpty();
    }

    private Future<Map<UUID, JsonArray>> attachTags(SqlConnection tx, ImportTarget target, PreparedImport prepared,
                                                    UUID[] contacts) {
        if (prepared.tagIds().isEmpty() || contacts.length == 0) {
            return Future.succeededFuture(Map.of());
        }
        return tx.preparedQuery(ATTACH_TAGS)
                .execute(Params.of(target.tenantId(), contacts, prepared.tagIds().toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, JsonArray> attached = new HashMap<>();
                    for (Row row : rows) {
                        attached.computeIfAbsent(row.getUUID("contact_id"), id -> new JsonArray())
                                .add(row.getUUID("tag_id").toString());
                    }
                    return attached;
                });
    }

    private Future<Set<UUID>> addToSegment(SqlConnection tx, ImportTarget target, PreparedImport prepared,
                                           UUID[] contacts) {
        if (prepared.segmentId() == null || contacts.length == 0) {
            return Future.succeededFuture(Set.of());
        }
        return tx.preparedQuery(ADD_TO_SEGMENT).execute(Params.of(target.tenantId(), prepared.segmentId(), contacts))
                .map(rows -> {
                    Set<UUID> added = new HashSet<>();
                    rows.forEach(row -> added.add(row.getUUID("contact_id")));
                    return added;
                });
    }

    private Future<Void> logEvents(SqlConnection tx, ImportTarget target, BatchPlan plan,
                                   Map<UUID, JsonArray> tags, Set<UUID> addedToSegment) {
        List<UUID> contactIds = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> previous = new ArrayList<>();
        List<String> newData = new ArrayList<>();
        List<String> keptUpdatedAt = new ArrayList<>();
        for (BatchPlan.NewContact contact : plan.inserts) {
            contactIds.add(contact.id());
            types.add("created");
            previous.add(null);
            newData.add(newData(contact.row(), tags.get(contact.id()), addedToSegment.contains(contact.id())));
            keptUpdatedAt.add(null);
        }
        for (BatchPlan.UpdatedContact contact : plan.updates) {
            UUID id = contact.before().id();
            boolean rewritten = contact.rewritten();
            if (!rewritten && !tags.containsKey(id) && !addedToSegment.contains(id)) {
                continue;
            }
            contactIds.add(id);
            types.add("updated");
            previous.add(rewritten ? contact.before().previousData().encode() : null);
            newData.add(newData(contact.firstRow(), tags.get(id), addedToSegment.contains(id)));
            keptUpdatedAt.add(rewritten ? null : ExistingContact.timestamp(contact.before().updatedAt()));
        }
        if (contactIds.isEmpty()) {
            return Future.succeededFuture();
        }
        return tx.preparedQuery(LOG_EVENTS).execute(Params.of(target.tenantId(), target.importJobId(),
                contactIds.toArray(UUID[]::new), types.toArray(String[]::new), previous.toArray(String[]::new),
                newData.toArray(String[]::new), keptUpdatedAt.toArray(String[]::new))).mapEmpty();
    }

    private static String newData(long row, JsonArray tags, boolean addedToSegment) {
        return new JsonObject()
                .put("row", row)
                .put("tags", tags == null ? new JsonArray() : tags)
                .put("segment", addedToSegment)
                .encode();
    }
}
