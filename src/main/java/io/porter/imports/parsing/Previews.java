package io.porter.imports.parsing;

import io.porter.imports.ParsedRow;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Reads the first rows of a file and estimates how many it holds. */
public final class Previews {

    static final int SAMPLE_ROWS = 20;
    // Reading on past the sample makes the count exact for files up to this size and the
    // bytes-per-row estimate steady for larger ones, where read-ahead buffers would skew a 20-row guess.
    static final long COUNT_BYTES = 4L << 20;
    static final long COUNT_ROWS = 100_000;

    private Previews() {
    }

    /** @param fileSize the file's size in bytes, or a negative value when unknown */
    public static Preview read(InputStream raw, long fileSize, FileType type, String sheet) {
        try (RowReader reader = RowReaders.open(raw, type, ParseLimits.DEFAULTS, sheet)) {
            List<ParsedRow> sample = new ArrayList<>();
            ParsedRow row;
            while (sample.size() < SAMPLE_ROWS && (row = reader.next()) != null) {
                sample.add(row);
            }
            long counted = sample.size();
            boolean ended = counted < SAMPLE_ROWS;
            while (!ended && counted < COUNT_ROWS && (type == FileType.XLSX || reader.bytesRead() < COUNT_BYTES)) {
                if (reader.next() == null) {
                    ended = true;
                } else {
                    counted++;
                }
            }
            List<String> headers = reader.headers();
            long estimate = ended ? counted : estimate(reader, counted, fileSize);
            return new Preview(type, reader.encoding(), reader.delimiter(), headers, aligned(sample, headers), estimate);
        }
    }

    private static long estimate(RowReader reader, long counted, long fileSize) {
        if (reader instanceof XlsxRowReader xlsx) {
            OptionalLong declared = xlsx.declaredDataRows();
            return declared.isPresent() ? Math.max(declared.getAsLong(), counted) : -1;
        }
        if (fileSize <= 0 || reader.bytesRead() <= 0) {
            return -1;
        }
        return Math.max(counted, Math.round((double) counted * fileSize / reader.bytesRead()));
    }

    private static List<List<String>> aligned(List<ParsedRow> rows, List<String> headers) {
        List<List<String>> table = new ArrayList<>(rows.size());
        for (ParsedRow row : rows) {
            List<String> cells = new ArrayList<>(headers.size());
            for (String header : headers) {
                cells.add(row.values().getOrDefault(header, ""));
            }
            table.add(List.copyOf(cells));
        }
        return List.copyOf(table);
    }
}
