package io.porter.exports.files;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

public final class ExportWriters {

    public static final String FORMATS = "csv, xlsx, json";

    private ExportWriters() {
    }

    public static ExportWriter create(String format, OutputStream out, boolean csvSafe) {
        String name = format == null ? "" : format.toLowerCase(Locale.ROOT);
        return switch (name) {
            case "csv" -> new CsvExportWriter(out, csvSafe);
            case "xlsx" -> new XlsxExportWriter(out);
            case "json" -> new JsonExportWriter(out);
            default -> throw new IllegalArgumentException(
                    "unknown format '" + format + "'; formats are " + FORMATS);
        };
    }

    /**
     * The start of a CSV file as {@link #create} writes it (byte order mark when csvSafe, header row, CRLF),
     * for an export whose rows PostgreSQL writes itself.
     */
    public static byte[] csvHeader(ExportColumns columns, boolean csvSafe) {
        return CsvExportWriter.header(columns, csvSafe).getBytes(StandardCharsets.UTF_8);
    }
}
