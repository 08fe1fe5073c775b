package io.porter.imports.parsing;

import com.github.pjfanning.xlsx.StreamingReader;
import io.porter.imports.ParsedRow;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * One sheet of a workbook through excel-streaming-reader. Opening spools the upload to a temporary
 * file (the zip needs random access), so {@link #bytesRead()} is the whole file from the start.
 */
final class XlsxRowReader implements RowReader {

    private final CountingInputStream counting;
    private final Workbook workbook;
    private final Sheet sheet;
    private final Iterator<Row> rows;
    private final RowLimiter limiter;
    private final List<String> headers;
    private int headerRowIndex;
    private long rowNumber;

    XlsxRowReader(InputStream raw, ParseLimits limits, String sheetName) {
        this.counting = new CountingInputStream(raw);
        this.limiter = new RowLimiter(limits);
        this.workbook = openWorkbook(counting);
        try {
            this.sheet = chooseSheet(workbook, sheetName);
            this.rows = sheet.rowIterator();
            this.headers = readHeader();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static Workbook openWorkbook(InputStream in) {
        try {
            return StreamingReader.builder().rowCacheSize(100).bufferSize(4096).open(in);
        } catch (Exception e) {
            throw new FileFormatException(describeOpenFailure(e), e);
        }
    }

    private static String describeOpenFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase();
            if (message.contains("zip bomb")) {
                return "the XLSX workbook expands too much to be read safely (zip bomb guard)";
            }
            if (message.contains("encrypt") || message.contains("password")) {
                return "the XLSX workbook is password-protected";
            }
        }
        return "the file is not a valid XLSX workbook (corrupt zip)";
    }

    private static Sheet chooseSheet(Workbook workbook, String sheetName) {
        if (workbook.getNumberOfSheets() == 0) {
            throw new FileFormatException("the XLSX workbook has no sheets");
        }
        if (sheetName == null) {
            return workbook.getSheetAt(0);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
            if (workbook.getSheetName(i).equals(sheetName)) {
                return workbook.getSheetAt(i);
            }
            names.add(workbook.getSheetName(i));
        }
        throw new FileFormatException("the workbook has no sheet named '" + sheetName
                + "' (sheets: " + String.join(", ", names) + ")");
    }

    private List<String> readHeader() {
        Row header = nextNonEmptyRow();
        if (header == null) {
            throw new FileFormatException("the sheet has no header row");
        }
        headerRowIndex = header.getRowNum();
        int width = lastNonBlankCell(header) + 1;
        if (width > limiter.limits().maxColumns()) {
            throw new FileFormatException("the header has more than " + limiter.limits().maxColumns() + " columns");
        }
        return HeaderNames.normalize(List.of(cellTexts(header, width)));
    }

    @Override
    public List<String> headers() {
        return headers;
    }

    @Override
    public ParsedRow next() {
        Row row = nextNonEmptyRow();
        if (row == null) {
            return null;
        }
        rowNumber++;
        limiter.checkRowCount(rowNumber);
        int width = Math.max(headers.size(), lastNonBlankCell(row) + 1);
        limiter.checkColumnCount(rowNumber, width);
        return RowAssembler.assemble(rowNumber, headers, cellTexts(row, width), limiter);
    }

    /** Data rows the sheet's dimension announces below the header, when the workbook states it. */
    OptionalLong declaredDataRows() {
        int lastRow = sheet.getLastRowNum();
        if (lastRow < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, lastRow - headerRowIndex));
    }

    private Row nextNonEmptyRow() {
        try {
            while (rows.hasNext()) {
                Row row = rows.next();
                if (lastNonBlankCell(row) >= 0) {
                    return row;
                }
            }
            return null;
        } catch (FileFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FileFormatException("row " + (rowNumber + 1) + ": the sheet cannot be read ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static int lastNonBlankCell(Row row) {
        for (int i = row.getLastCellNum() - 1; i >= 0; i--) {
            if (!CellText.of(row.getCell(i)).isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    private static String[] cellTexts(Row row, int width) {
        String[] cells = new String[width];
        for (int i = 0; i < width; i++) {
            cells[i] = CellText.of(row.getCell(i));
        }
        return cells;
    }

    @Override
    public long bytesRead() {
        return counting.count();
    }

    @Override
    public String encoding() {
        return null;
    }

    @Override
    public String delimiter() {
        return null;
    }

    @Override
    public void close() {
        try (counting) {
            workbook.close();
        } catch (IOException e) {
            // Reading is over; a failed temp-file cleanup is not the user's problem.
        }
    }
}
