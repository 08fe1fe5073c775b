package io.porter.imports.parsing;

import io.porter.imports.ParsedRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pairs a record's cells with the header into a {@link ParsedRow}, marking it broken when they do not fit. */
final class RowAssembler {

    private RowAssembler() {
    }

    /**
     * Cells beyond the header are dropped and missing ones left out, so a broken row keeps what could be
     * paired. An oversized cell is left out too (the error names it), so it never reaches an error report.
     */
    static ParsedRow assemble(long rowNumber, List<String> headers, String[] cells, RowLimiter limiter) {
        Map<String, String> values = new LinkedHashMap<>();
        String error = null;
        int paired = Math.min(cells.length, headers.size());
        for (int i = 0; i < paired; i++) {
            String cellError = limiter.cellError(headers.get(i), cells[i]);
            if (cellError == null) {
                values.put(headers.get(i), cells[i]);
            } else if (error == null) {
                error = cellError;
            }
        }
        if (cells.length != headers.size()) {
            error = "row has " + cells.length + " cells, header has " + headers.size();
        }
        return error == null ? ParsedRow.of(rowNumber, values) : ParsedRow.broken(rowNumber, values, error);
    }
}
