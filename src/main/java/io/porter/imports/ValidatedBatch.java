package io.porter.imports;

import io.porter.imports.mapping.RowValidator;
import io.porter.imports.writing.BatchDrafts;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A parsed batch after mapping and validation: the drafts to write (grouped by email for the
 * writer), and each row error with the row's original columns for the error report.
 */
record ValidatedBatch(int rows, BatchDrafts drafts, List<RowError> errors, List<JsonObject> errorSources,
                      int invalidRows, long bytesRead, boolean last) {

    /** Maps, validates and groups every row; runs on a worker thread (libphonenumber costs microseconds a row). */
    static ValidatedBatch of(RowBatch batch, RowValidator validator) {
        List<ParsedRow> rows = batch.rows();
        List<ContactDraft> drafts = new ArrayList<>(rows.size());
        List<RowError> errors = new ArrayList<>();
        List<JsonObject> sources = new ArrayList<>();
        int invalidRows = 0;
        for (ParsedRow row : rows) {
            RowValidator.Outcome outcome = validator.map(row);
            if (outcome instanceof RowValidator.Outcome.Valid valid) {
                drafts.add(valid.draft());
            } else if (outcome instanceof RowValidator.Outcome.Invalid invalid) {
                invalidRows++;
                for (RowError error : invalid.errors()) {
                    errors.add(error);
                    sources.add(new JsonObject(new LinkedHashMap<>(row.values())));
                }
            }
        }
        return new ValidatedBatch(rows.size(), BatchDrafts.of(drafts), errors, sources, invalidRows, batch.bytesRead(), batch.last());
    }
}
