package io.porter.exports.files;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * A streaming XLSX workbook: rows go to the zip every {@value #FLUSH_EVERY_ROWS} rows. Dates are real
 * Excel dates in UTC, counts are numbers, everything else is text (a phone {@code +14155550123} stays
 * text). Past {@code maxRowsPerSheet} data rows the export continues on "Contacts 2", "Contacts 3", ...,
 * each with the header row again.
 */
final class XlsxExportWriter implements ExportWriter {

    /** Excel's 1,048,576 rows per sheet, less the header row. */
    static final int EXCEL_MAX_DATA_ROWS = 1_048_575;
    static final String SHEET_NAME = "Contacts";
    static final String DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
    /** Excel refuses ("repairs") a workbook with a longer cell. */
    static final int MAX_CELL_CHARS = 32_767;
    private static final int FLUSH_EVERY_ROWS = 1_000;

    private final Workbook workbook;
    private final int maxRowsPerSheet;
    private ExportColumns columns;
    private Worksheet sheet;
    private int sheetCount;
    private int dataRowsInSheet;

    XlsxExportWriter(OutputStream out) {
        this(out, EXCEL_MAX_DATA_ROWS);
    }

    XlsxExportWriter(OutputStream out, int maxRowsPerSheet) {
        if (maxRowsPerSheet < 1 || maxRowsPerSheet > EXCEL_MAX_DATA_ROWS) {
            throw new IllegalArgumentException("maxRowsPerSheet must be 1.." + EXCEL_MAX_DATA_ROWS);
        }
        this.workbook = new Workbook(new NonClosingOutputStream(out), "Porter", "1.0");
        this.maxRowsPerSheet = maxRowsPerSheet;
    }

    @Override
    public void start(ExportColumns columns) {
        this.columns = columns;
        startSheet();
    }

    @Override
    public void write(ExportContact contact) {
        if (dataRowsInSheet == maxRowsPerSheet) {
            finishSheet();
            startSheet();
        }
        int row = ++dataRowsInSheet;
        List<String> names = columns.names();
        for (int column = 0; column < names.size(); column++) {
            writeCell(row, column, columns.valueOf(names.get(column), contact));
        }
        if (row % FLUSH_EVERY_ROWS == 0) {
            flushSheet();
        }
    }

    private void writeCell(int row, int column, Object value) {
        if (value instanceof Instant instant) {
            sheet.value(row, column, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
            sheet.style(row, column).format(DATE_TIME_FORMAT).set();
        } else if (value instanceof Number number) {
            sheet.value(row, column, number);
        } else if (value != null) {
            // Inline, not shared strings: fastexcel keeps the shared-string table in memory to the end.
            sheet.inlineString(row, column, fitCell(value.toString()));
        }
    }

    private static String fitCell(String text) {
        if (text.length() <= MAX_CELL_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_CELL_CHARS - 1)) ? MAX_CELL_CHARS - 1 : MAX_CELL_CHARS;
        return text.substring(0, end);
    }

    private void startSheet() {
        sheetCount++;
        sheet = workbook.newWorksheet(sheetCount == 1 ? SHEET_NAME : SHEET_NAME + " " + sheetCount);
        dataRowsInSheet = 0;
        List<String> names = columns.names();
        for (int column = 0; column < names.size(); column++) {
            sheet.inlineString(0, column, names.get(column));
            sheet.style(0, column).bold().set();
        }
        sheet.freezePane(0, 1);
    }

    private void flushSheet() {
        try {
            sheet.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The zip takes one open entry at a time, so a sheet is closed before the next one begins. */
    private void finishSheet() {
        try {
            sheet.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void finish() {
        try {
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
    }
}
