package io.porter.imports.writing;

import java.util.List;
import java.util.UUID;

/**
 * One rollback step (one written batch of the import undone): contacts deleted and restored,
 * contacts left alone because they changed after the import, the batch undone (the cursor for the
 * next call), and whether none are left.
 */
public record RollbackResult(int deleted, int restored, List<Conflict> conflicts, long lastBatchId, boolean done) {

    public RollbackResult {
        conflicts = List.copyOf(conflicts);
    }

    public record Conflict(UUID contactId, String email) {
    }
}
