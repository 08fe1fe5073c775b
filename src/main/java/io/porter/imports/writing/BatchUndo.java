package io.porter.imports.writing;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What undoing one written batch does, decided in memory from the batch's log row and the current
 * state of its contacts. Newer batches are undone first, so a contact the import wrote again later
 * is back in the state this batch left when it is judged here.
 */
final class BatchUndo {

    final List<UUID> deleted = new ArrayList<>();
    final List<UUID> rewritten = new ArrayList<>();
    final List<UUID> tagContacts = new ArrayList<>();
    final List<UUID> tags = new ArrayList<>();
    final List<UUID> segmentContacts = new ArrayList<>();
    final List<RollbackResult.Conflict> conflicts = new ArrayList<>();
    int restored;

    /**
     * @param created one row per contact the batch created: its current state (null when there were none)
     * @param changed one row per contact the batch changed: its log row and current state (null when none)
     */
    static BatchUndo of(Row batch, RowSet<Row> created, RowSet<Row> changed, boolean force) {
        BatchUndo undo = new BatchUndo();
        Instant writtenAt = batch.getOffsetDateTime("written_at").toInstant();
        Set<UUID> undone = new HashSet<>();
        if (created != null) {
            for (Row contact : created) {
                if (undo.mayUndo(contact, writtenAt, force)) {
                    undo.deleted.add(contact.getUUID("contact_id"));
                }
            }
        }
        if (changed != null) {
            for (Row contact : changed) {
                boolean wasRewritten = contact.getBoolean("rewritten");
                Instant left = wasRewritten ? writtenAt : contact.getOffsetDateTime("before_updated_at").toInstant();
                if (undo.mayUndo(contact, left, force)) {
                    UUID id = contact.getUUID("contact_id");
                    undone.add(id);
                    if (wasRewritten) {
                        undo.rewritten.add(id);
                    }
                    // Counted once, at the oldest batch that changed it, and only if it existed before the import.
                    if (!contact.getBoolean("has_older") && !contact.getBoolean("created_by_import")) {
                        undo.restored++;
                    }
                }
            }
        }
        undo.linksOf(batch, undone);
        return undo;
    }

    /**
     * True when the contact is as the batch left it (or {@code force}). A contact that is gone is
     * passed over; one found changed is reported, unless a newer batch reported it already.
     */
    private boolean mayUndo(Row contact, Instant left, boolean force) {
        OffsetDateTime current = contact.getOffsetDateTime("current_updated_at");
        if (current == null || contact.getBoolean("reported")) {
            return false;
        }
        if (force || current.toInstant().equals(left)) {
            return true;
        }
        conflicts.add(new RollbackResult.Conflict(contact.getUUID("contact_id"), contact.getString("current_email")));
        return false;
    }

    /** The tag links and segment memberships the batch added to the contacts now undone. */
    private void linksOf(Row batch, Set<UUID> undone) {
        UUID[] linkedContacts = batch.getArrayOfUUIDs("tag_contacts");
        UUID[] linkedTags = batch.getArrayOfUUIDs("tag_ids");
        for (int i = 0; i < linkedContacts.length; i++) {
            if (undone.contains(linkedContacts[i])) {
                tagContacts.add(linkedContacts[i]);
                tags.add(linkedTags[i]);
            }
        }
        for (UUID contact : batch.getArrayOfUUIDs("segment_contacts")) {
            if (undone.contains(contact)) {
                segmentContacts.add(contact);
            }
        }
    }
}
