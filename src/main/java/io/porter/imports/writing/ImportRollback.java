package io.porter.imports.writing;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Undoes an import from its event log, newest event first, one batch per call inside the caller's
 * transaction: created contacts are deleted, updated ones get their previous columns back, and the
 * tags and segment memberships the import added are removed. A contact whose updated_at is not the
 * one the import's latest event wrote was changed since: it is left as it is (tags and segment too)
 * and reported as a conflict, unless {@code force}.
 */
public final class ImportRollback {

    private static final String CUSTOM_PLANS = "SET LOCAL plan_cache_mode = force_custom_plan";

    // newer: the same contact's next event of this import, already undone by an earlier step.
    private static final String NEXT_EVENTS = """
            SELECT e.id, e.contact_id, e.event_type, e.previous_data, e.new_data,
                   c.updated_at AS current_updated_at, c.email AS current_email,
                   newer.previous_data AS newer_previous_data, newer.new_data AS newer_new_data,
                   NOT EXISTS (SELECT 1 FROM import_events o
                               WHERE o.contact_id = e.contact_id AND o.import_job_id = e.import_job_id AND o.id < e.id)
                       AS first_of_contact
            FROM import_events e
            JOIN import_jobs j ON j.id = e.import_job_id AND j.tenant_id = $1
            LEFT JOIN contacts c ON c.id = e.contact_id AND c.tenant_id = $1
            LEFT JOIN LATERAL (
                SELECT n.previous_data, n.new_data FROM import_events n
                WHERE n.contact_id = e.contact_id AND n.import_job_id = e.import_job_id AND n.id > e.id
                ORDER BY n.id LIMIT 1
            ) newer ON true
            WHERE e.import_job_id = $2 AND e.id < $3
            ORDER BY e.id DESC
            LIMIT $4
            """;

    private static final String DELETE_CONTACTS = """
            DELETE FROM contacts WHERE tenant_id = $1 AND id = ANY($2::uuid[])
            """;

    private static final String RESTORE_CONTACTS = """
            UPDATE contacts c
            SET email = p.data ->> 'email', email_key = p.data ->> 'email_key',
                first_name = p.data ->> 'first_name', last_name = p.data ->> 'last_name',
                company = p.data ->> 'company', phone = p.data ->> 'phone',
                custom_fields = p.data -> 'custom_fields', updated_at = (p.data ->> 'updated_at')::timestamptz
            FROM (SELECT u.id, u.data::jsonb AS data FROM unnest($2::uuid[], $3::text[]) AS u(id, data)) p
            WHERE c.tenant_id = $1 AND c.id = p.id
            """;

    private static final String DETACH_TAGS = """
            DELETE FROM contact_tags ct
            USING unnest($2::uuid[], $3::uuid[]) AS u(contact_id, tag_id), contacts c
            WHERE ct.contact_id = u.contact_id AND ct.tag_id = u.tag_id
              AND c.id = u.contact_id AND c.tenant_id = $1
            """;

    private static final String REMOVE_FROM_SEGMENT = """
            DELETE FROM segment_contacts sc
            USING import_jobs j, contacts c
            WHERE j.tenant_id = $1 AND j.id = $2 AND sc.segment_id = j.segment_id
              AND c.id = sc.contact_id AND c.tenant_id = $1 AND sc.contact_id = ANY($3::uuid[])
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

    private static final String FORGET_DRY_RUN_KEYS = """
            DELETE FROM import_dry_run_keys WHERE tenant_id = $1 AND import_job_id = $2
            """;

    /**
     * @param afterEventId the {@code lastEventId} of the previous call, or 0 to start with the newest event
     */
    public Future<RollbackResult> rollback(SqlConnection tx, UUID tenantId, UUID importJobId, boolean force,
                                           int batchSize, long afterEventId) {
        long before = afterEventId <= 0 ? Long.MAX_VALUE : afterEventId;
        return tx.query(CUSTOM_PLANS).execute()
                .compose(ignored -> tx.preparedQuery(NEXT_EVENTS).execute(Params.of(tenantId, importJobId, before, batchSize)))
                .compose(events -> {
                    Undo undo = Undo.of(events, force);
                    long lastEventId = undo.oldestEventId == 0 ? afterEventId : undo.oldestEventId;
                    return apply(tx, tenantId, importJobId, undo).map(v -> new RollbackResult(undo.deleted.size(),
                            undo.restored.size(), undo.conflicts, lastEventId, events.size() < batchSize));
                });
    }

    /** After the last batch: drops the segment and tags this import created once nothing holds them. */
    public Future<Void> finish(SqlConnection tx, UUID tenantId, UUID importJobId) {
        return tx.preparedQuery(REMOVE_CREATED_SEGMENT).execute(Params.of(tenantId, importJobId))
                .compose(v -> tx.preparedQuery(REMOVE_CREATED_TAGS).execute(Params.of(tenantId, importJobId)))
                .compose(v -> tx.preparedQuery(FORGET_DRY_RUN_KEYS).execute(Params.of(tenantId, importJobId)))
                .mapEmpty();
    }

    private Future<Void> apply(SqlConnection tx, UUID tenantId, UUID importJobId, Undo undo) {
        return restore(tx, tenantId, undo)
                .compose(v -> detachTags(tx, tenantId, undo))
                .compose(v -> removeFromSegment(tx, tenantId, importJobId, undo))
                .compose(v -> undo.deleted.isEmpty() ? Future.succeededFuture()
                        : tx.preparedQuery(DELETE_CONTACTS).execute(Params.of(tenantId, undo.deleted.toArray(UUID[]::new))).mapEmpty());
    }

    private Future<Void> restore(SqlConnection tx, UUID tenantId, Undo undo) {
        if (undo.restoredData.isEmpty()) {
            return Future.succeededFuture();
        }
        UUID[] ids = undo.restoredData.keySet().toArray(UUID[]::new);
        String[] data = undo.restoredData.values().stream().map(JsonObject::encode).toArray(String[]::new);
        return tx.preparedQuery(RESTORE_CONTACTS).execute(Params.of(tenantId, ids, data)).mapEmpty();
    }

    private Future<Void> detachTags(SqlConnection tx, UUID tenantId, Undo undo) {
        if (undo.tagContacts.isEmpty()) {
            return Future.succeededFuture();
        }
        return tx.preparedQuery(DETACH_TAGS).execute(Params.of(tenantId, undo.tagContacts.toArray(UUID[]::new),
                undo.tags.toArray(UUID[]::new))).mapEmpty();
    }

    private Future<Void> removeFromSegment(SqlConnection tx, UUID tenantId, UUID importJobId, Undo undo) {
        if (undo.segmentContacts.isEmpty()) {
            return Future.succeededFuture();
        }
        return tx.preparedQuery(REMOVE_FROM_SEGMENT).execute(Params.of(tenantId, importJobId,
                undo.segmentContacts.toArray(UUID[]::new))).mapEmpty();
    }

    /**
     * The batch's events replayed backwards in memory, each judged against the contact as the newer
     * events left it: the statements then apply the net effect.
     */
    private static final class Undo {

        final Set<UUID> deleted = new LinkedHashSet<>();
        final Set<UUID> restored = new LinkedHashSet<>();
        final Map<UUID, JsonObject> restoredData = new LinkedHashMap<>();
        final List<UUID> tagContacts = new ArrayList<>();
        final List<UUID> tags = new ArrayList<>();
        final Set<UUID> segmentContacts = new LinkedHashSet<>();
        final List<RollbackResult.Conflict> conflicts = new ArrayList<>();
        final Map<UUID, Instant> currentUpdatedAt = new HashMap<>();
        long oldestEventId;

        static Undo of(RowSet<Row> events, boolean force) {
            Undo undo = new Undo();
            for (Row event : events) {
                undo.undo(event, force);
            }
            undo.deleted.forEach(undo.restoredData::remove);
            return undo;
        }

        private void undo(Row event, boolean force) {
            oldestEventId = event.getLong("id");
            UUID contactId = event.getUUID("contact_id");
            OffsetDateTime stored = event.getOffsetDateTime("current_updated_at");
            if (contactId == null || stored == null || deleted.contains(contactId)) {
                return;
            }
            Instant current = currentUpdatedAt.computeIfAbsent(contactId, id -> stored.toInstant());
            JsonObject newer = event.getJsonObject("newer_new_data");
            if (newer != null && !current.equals(updatedAtBefore(event.getJsonObject("newer_previous_data"), newer))) {
                return; // the newer event found this contact changed and left it: already reported
            }
            JsonObject newData = event.getJsonObject("new_data");
            if (!force && !current.equals(instant(newData.getString("updatedAt")))) {
                conflicts.add(new RollbackResult.Conflict(contactId, event.getString("current_email")));
                return;
            }
            if ("created".equals(event.getString("event_type"))) {
                deleted.add(contactId);
                return;
            }
            undoUpdate(contactId, event.getJsonObject("previous_data"), newData);
            // Counted once, when its state from before the import is back.
            if (event.getBoolean("first_of_contact")) {
                restored.add(contactId);
            }
        }

        private void undoUpdate(UUID contactId, JsonObject previousData, JsonObject newData) {
            if (previousData != null) {
                restoredData.put(contactId, previousData);
            }
            currentUpdatedAt.put(contactId, updatedAtBefore(previousData, newData));
            JsonArray attached = newData.getJsonArray("tags", new JsonArray());
            for (int i = 0; i < attached.size(); i++) {
                tagContacts.add(contactId);
                tags.add(UUID.fromString(attached.getString(i)));
            }
            if (newData.getBoolean("segment", false)) {
                segmentContacts.add(contactId);
            }
        }

        /** The contact's updated_at before an event: an event that did not rewrite it kept it. */
        private static Instant updatedAtBefore(JsonObject previousData, JsonObject newData) {
            return instant(previousData != null ? previousData.getString("updated_at") : newData.getString("updatedAt"));
        }

        private static Instant instant(String timestamp) {
            return OffsetDateTime.parse(timestamp).toInstant();
        }
    }
}
