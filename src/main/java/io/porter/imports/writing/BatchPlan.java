package io.porter.imports.writing;

import io.porter.imports.ContactDraft;
import io.porter.imports.RowError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a batch will do, decided in memory from the contacts its emails matched, before any write:
 * the rows of one email are applied in file order, so a batch that holds an email twice becomes one
 * write per contact (never two upserts of one row in a statement) and its counts are deterministic.
 * Made by {@link ContactWriter#plan}, applied by {@link ContactWriter#write}.
 */
public final class BatchPlan {

    record NewContact(UUID id, long row, String emailKey, ContactValues values, UUID duplicateOf) {
    }

    record UpdatedContact(ExistingContact before, long firstRow, ContactValues after) {

        boolean rewritten() {
            return !after.equals(before.values());
        }
    }

    final List<NewContact> inserts = new ArrayList<>();
    final List<UpdatedContact> updates = new ArrayList<>();
    final List<RowError> notes = new ArrayList<>();
    /** Emails new to the tenant and to this import, with their first row: what a dry run remembers. */
    final Map<String, Long> firstRowsOfNewEmails = new LinkedHashMap<>();
    int created;
    int updated;
    int skipped;

    private BatchPlan() {
    }

    /** What the batch counts: known before it is written. */
    public BatchResult result() {
        return new BatchResult(created, updated, skipped, notes);
    }

    /**
     * @param existing     the tenant's contacts (duplicate_of IS NULL) by email key
     * @param seenInDryRun for a dry run, the emails earlier batches would have created, with their first row
     */
    static BatchPlan of(ImportTarget target, BatchDrafts drafts, Map<String, ExistingContact> existing,
                        Map<String, Long> seenInDryRun) {
        BatchPlan plan = new BatchPlan();
        for (BatchDrafts.Group group : drafts.groups()) {
            ExistingContact contact = existing.get(group.emailKey());
            Long seenAt = seenInDryRun.get(group.emailKey());
            switch (target.strategy()) {
                case SKIP -> plan.skip(group, contact, seenAt);
                case UPDATE -> plan.update(group, contact, seenAt, target.overwriteWithBlanks());
                case CREATE -> plan.create(group, contact, seenAt);
            }
        }
        return plan;
    }

    private void skip(BatchDrafts.Group group, ExistingContact contact, Long seenAt) {
        List<ContactDraft> rows = group.rows();
        Long firstRow = contact != null ? contact.firstRowInImport() : seenAt;
        int from = 0;
        if (contact == null && seenAt == null) {
            insertNew(rows.get(0), group.values().get(0), null);
            firstRow = rows.get(0).rowNumber();
            from = 1;
        }
        for (ContactDraft row : rows.subList(from, rows.size())) {
            skipped++;
            if (firstRow != null) {
                notes.add(new RowError(row.rowNumber(), "email", row.email(), "duplicate of row " + firstRow));
            }
        }
    }

    private void update(BatchDrafts.Group group, ExistingContact contact, Long seenAt, boolean overwriteWithBlanks) {
        List<ContactDraft> rows = group.rows();
        List<ContactValues> values = group.values();
        if (contact != null || seenAt != null) {
            updated += rows.size();
            if (contact != null) {
                updates.add(new UpdatedContact(contact, rows.get(0).rowNumber(),
                        applyAll(contact.values(), values, overwriteWithBlanks)));
            }
            return;
        }
        insertNew(rows.get(0), applyAll(values.get(0), values.subList(1, values.size()), overwriteWithBlanks), null);
        updated += rows.size() - 1;
    }

    private void create(BatchDrafts.Group group, ExistingContact contact, Long seenAt) {
        UUID original = contact == null ? null : contact.id();
        boolean originalKnown = contact != null || seenAt != null;
        for (int i = 0; i < group.rows().size(); i++) {
            NewContact created = insertNew(group.rows().get(i), group.values().get(i), original);
            if (!originalKnown) {
                original = created.id();
                originalKnown = true;
            }
        }
    }

    private NewContact insertNew(ContactDraft draft, ContactValues values, UUID duplicateOf) {
        NewContact contact = new NewContact(ContactIds.next(), draft.rowNumber(), draft.emailKey(), values, duplicateOf);
        inserts.add(contact);
        created++;
        if (duplicateOf == null) {
            firstRowsOfNewEmails.putIfAbsent(draft.emailKey(), draft.rowNumber());
        }
        return contact;
    }

    private static ContactValues applyAll(ContactValues start, List<ContactValues> rows, boolean overwriteWithBlanks) {
        ContactValues values = start;
        for (ContactValues row : rows) {
            values = values.apply(row, overwriteWithBlanks);
        }
        return values;
    }
}
