package io.porter.imports.writing;

import io.porter.imports.RowError;

import java.util.List;

/** What one batch did, counted in rows; notes are the in-file duplicates skipped ("duplicate of row N"). */
public record BatchResult(int created, int updated, int skipped, List<RowError> notes) {

    public BatchResult {
        notes = List.copyOf(notes);
    }
}
