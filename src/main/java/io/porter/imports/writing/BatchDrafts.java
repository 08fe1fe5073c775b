package io.porter.imports.writing;

import io.porter.imports.ContactDraft;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch's drafts grouped by email key in file order, with each row's own values: the work on a
 * batch that needs no database, done on a worker thread before the batch's turn to be written.
 */
public final class BatchDrafts {

    /** The rows of one email key, in file order, with each row's values. */
    record Group(String emailKey, List<ContactDraft> rows, List<ContactValues> values) {
    }

    private final List<Group> groups;
    private final String[] keys;

    private BatchDrafts(List<Group> groups) {
        this.groups = groups;
        this.keys = groups.stream().map(Group::emailKey).toArray(String[]::new);
    }

    public static BatchDrafts of(List<ContactDraft> drafts) {
        Map<String, Group> byKey = new LinkedHashMap<>();
        for (ContactDraft draft : drafts) {
            Group group = byKey.computeIfAbsent(draft.emailKey(), key -> new Group(key, new ArrayList<>(1), new ArrayList<>(1)));
            ContactValues values = ContactValues.of(draft);
            values.customFieldsJson(); // encoded here, off the event loop
            group.rows().add(draft);
            group.values().add(values);
        }
        return new BatchDrafts(List.copyOf(byKey.values()));
    }

    public boolean isEmpty() {
        return groups.isEmpty();
    }

    /** True when an email of this batch is also in {@code other}. */
    public boolean sharesEmailWith(BatchDrafts other) {
        java.util.Set<String> mine = java.util.Set.of(keys);
        for (String key : other.keys) {
            if (mine.contains(key)) {
                return true;
            }
        }
        return false;
    }

    List<Group> groups() {
        return groups;
    }

    String[] keys() {
        return keys;
    }
}
