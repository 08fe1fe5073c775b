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
 */
final class BatchPlan {

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

    /**
     * @param existing     the tenant's contacts (duplicate_of IS NULL) by email key
     * @param seenInDryRun for a dry run, the emails earlier batches would have created, with their first row
     */
    static BatchPlan of(ImportTarget target, List<ContactDraft> batch, Map<String, ExistingContact> existing,
                        Map<String, Long> seenInDryRun) {
        BatchPlan plan = new BatchPlan();
        groupByEmailKey(batch).forEach((key, rows) -> {
            ExistingContact contact = existing.get(key);
            Long seenAt = seenInDryRun.get(key);
            switch (target.strategy()) {
                case SKIP -> plan.skip(rows, contact, seenAt);
                case UPDATE -> plan.update(rows, contact, seenAt, target.overwriteWithBlanks());
                case CREATE -> plan.create(rows, contact, seenAt);
            }
        });
        return plan;
    }

    static Map<String, List<ContactDraft>> groupByEmailKey(List<ContactDraft> batch) {
        Map<String, List<ContactDraft>> groups = new LinkedHashMap<>();
        for (ContactDraft draft : batch) {
            groups.computeIfAbsent(draft.emailKey(), key -> new ArrayList<>()).add(draft);
        }
        return groups;
    }

    private void skip(List<ContactDraft> rows, ExistingContact contact, Long seenAt) {
        Long firstRow = contact != null ? contact.firstRowInImport() : seenAt;
        int from = 0;
        if (contact == null && seenAt == null) {
            insertNew(rows.get(0), rows.get(0).rowNumber(), ContactValues.of(rows.get(0)), null);
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

    private void update(List<ContactDraft> rows, ExistingContact contact, Long seenAt, boolean overwriteWithBlanks) {
        if (contact != null || seenAt != null) {
            updated += rows.size();
            if (contact != null) {
                updates.add(new UpdatedContact(contact, rows.get(0).rowNumber(),
                        applyAll(contact.values(), rows, overwriteWithBlanks)));
            }
            return;
        }
        ContactDraft first = rows.get(0);
        ContactValues values = applyAll(ContactValues.of(first), rows.subList(1, rows.size()), overwriteWithBlanks);
        insertNew(first, first.rowNumber(), values, null);
        updated += rows.size() - 1;
    }

    private void create(List<ContactDraft> rows, ExistingContact contact, Long seenAt) {
        UUID original = contact == null ? null : contact.id();
        boolean originalKnown = contact != null || seenAt != null;
        for (ContactDraft row : rows) {
            NewContact created = insertNew(row, row.rowNumber(), ContactValues.of(row), original);
            if (!originalKnown) {
                original = created.id();
                originalKnown = true;
            }
        }
    }

    private NewContact insertNew(ContactDraft draft, long row, ContactValues values, UUID duplicateOf) {
        NewContact contact = new NewContact(ContactIds.next(), row, draft.emailKey(), values, duplicateOf);
        inserts.add(contact);
        created++;
        if (duplicateOf == null) {
            firstRowsOfNewEmails.putIfAbsent(draft.emailKey(), row);
        }
        return contact;
    }

    private static ContactValues applyAll(ContactValues start, List<ContactDraft> rows, boolean overwriteWithBlanks) {
        ContactValues values = start;
        for (ContactDraft row : rows) {
            values = values.apply(row, overwriteWithBlanks);
        }
        return values;
    }
}
