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
    // A workbook states its dimension, so counting on costs time for little gain.
    static final long COUNT_XLSX_ROWS = 10_000;

    private Previews() {
    }

    /**
     * Reads with {@link ParseLimits#DEFAULTS} and closes {@code raw}.
     *
     * @param fileSize the file's size in bytes, or a negative value when unknown
     * @param sheet the XLSX sheet, or null for the first
     * @throws FileFormatException when the file cannot be read
     */
    public static Preview read(InputStream raw, long fileSize, FileType type, String sheet) {
        try (RowReader reader = RowReaders.open(raw, type, ParseLimits.DEFAULTS, sheet)) {
            List<ParsedRow> sample = readSample(reader);
            long estimate = sample.size() < SAMPLE_ROWS ? sample.size() : countOrEstimate(reader, type, fileSize);
            List<String> headers = reader.headers();
            return new Preview(type, reader.encoding(), reader.delimiter(), headers, aligned(sample, headers), estimate);
        }
    }

    private static List<ParsedRow> readSample(RowReader reader) {
        List<ParsedRow> sample = new ArrayList<>();
        ParsedRow row;
        while (sample.size() < SAMPLE_ROWS && (row = reader.next()) != null) {
            sample.add(row);
        }
        return sample;
    }

    /** The exact count when the file ends within the counting budget, else an estimate. */
    private static long countOrEstimate(RowReader reader, FileType type, long fileSize) {
        long counted = SAMPLE_ROWS;
        try {
            while (withinCountBudget(type, reader, counted)) {
                if (reader.next() == null) {
                    return counted;
                }
                counted++;
            }
        } catch (FileFormatException e) {
            // Past the sample, the import reports the problem with its row; the preview still shows the start.
        }
        return estimate(reader, counted, fileSize);
    }

    private static boolean withinCountBudget(FileType type, RowReader reader, long counted) {
        if (type == FileType.XLSX) {
            return counted < COUNT_XLSX_ROWS;
        }
        return counted < COUNT_ROWS && reader.bytesRead() < COUNT_BYTES;
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
