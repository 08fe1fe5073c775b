package io.porter.imports.parsing;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** Opens the right streaming reader for a file type. */
public final class RowReaders {

    private RowReaders() {
    }

    /**
     * Reads the header (and for JSON the first element) at once, so an unreadable file fails here with
     * {@link FileFormatException}. The reader owns {@code raw} and closes it.
     *
     * @param sheet the XLSX sheet to read, or null for the first; ignored for other types
     */
    public static RowReader open(InputStream raw, FileType type, ParseLimits limits, String sheet) {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(type, "type");
        ParseLimits bounds = limits == null ? ParseLimits.DEFAULTS : limits;
        try {
            return create(raw, type, bounds, sheet);
        } catch (RuntimeException e) {
            closeQuietly(raw);
            throw e;
        }
    }

    private static RowReader create(InputStream raw, FileType type, ParseLimits limits, String sheet) {
        switch (type) {
            case CSV:
                return new CsvRowReader(raw, limits);
            case XLSX:
                return new XlsxRowReader(raw, limits, sheet);
            case JSON:
                return new JsonRowReader(raw, limits);
            default:
                throw new IllegalArgumentException("unsupported file type " + type);
        }
    }

    private static void closeQuietly(InputStream raw) {
        try {
            raw.close();
        } catch (IOException e) {
            // The open already failed; that failure is the one to report.
        }
    }
}
