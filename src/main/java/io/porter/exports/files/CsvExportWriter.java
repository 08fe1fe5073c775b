package io.porter.exports.files;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 4180 CSV in UTF-8 with CRLF line ends and a header row of field names.
 *
 * <p>A spreadsheet-safe file ({@code csvSafe}) starts with a UTF-8 byte order mark, because Excel
 * reads a CSV without one in the local code page and garbles accents and CJK; Porter's importer
 * skips the mark. A raw file ({@code csvSafe: false}) is meant for programs, many of which would
 * take the mark for part of the first header, so it has none.
 */
final class CsvExportWriter implements ExportWriter {

    private static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final String LINE_END = "\r\n";
    private static final int BUFFER_CHARS = 64 * 1024;

    private final Writer out;
    private final CsvCells cells;
    private final boolean byteOrderMark;
    private ExportColumns columns;

    CsvExportWriter(OutputStream out, boolean csvSafe) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_CHARS);
        this.cells = new CsvCells(csvSafe);
        this.byteOrderMark = csvSafe;
    }

    @Override
    public void start(ExportColumns columns) {
        this.columns = columns;
        append(header(columns, byteOrderMark));
    }

    /** What a file starts with: the byte order mark of a spreadsheet-safe file, then the header row. */
    static String header(ExportColumns columns, boolean csvSafe) {
        String names = String.join(",", columns.names().stream().map(CsvCells::quoteIfNeeded).toList());
        return (csvSafe ? BYTE_ORDER_MARK : "") + names + LINE_END;
    }

    @Override
    public void write(ExportContact contact) {
        writeRow(columns.names().stream().map(name -> cells.cell(columns.valueOf(name, contact))).toList());
    }

    private void writeRow(List<String> cells) {
        append(String.join(",", cells));
        append(LINE_END);
    }

    @Override
    public void finish() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Leaves the caller's stream open: it belongs to whoever uploads the file. */
    @Override
    public void close() {
    }

    private void append(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
