package io.porter.imports.writing;

import java.util.List;
import java.util.UUID;

/**
 * One rollback batch: contacts deleted and restored, contacts left alone because they changed after
 * the import, the oldest event handled (the cursor for the next call), and whether none are left.
 */
public record RollbackResult(int deleted, int restored, List<Conflict> conflicts, long lastEventId, boolean done) {

    public RollbackResult {
        conflicts = List.copyOf(conflicts);
    }

    public record Conflict(UUID contactId, String email) {
    }
}
