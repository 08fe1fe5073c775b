package io.porter.imports.parsing;

import io.porter.imports.ParsedRow;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.simpleflatmapper.csv.CsvParser;
import org.simpleflatmapper.lightningcsv.parser.BufferOverflowException;

/** Delimited text through sfm-csv, with the encoding and delimiter told from the first 64 KiB. */
final class CsvRowReader implements RowReader {

    static final int SNIFF_BYTES = 64 * 1024;

    private final CountingInputStream counting;
    private final Reader text;
    private final Iterator<String[]> records;
    private final TextEncoding encoding;
    private final char delimiter;
    private final RowLimiter limiter;
    private final int maxRecordChars;
    private final List<String> headers;
    private long rowNumber;

    CsvRowReader(InputStream raw, ParseLimits limits) {
        this.counting = new CountingInputStream(raw);
        this.limiter = new RowLimiter(limits);
        this.maxRecordChars = maxRecordChars(limits);
        BufferedInputStream buffered = new BufferedInputStream(counting, SNIFF_BYTES + 8192);
        try {
            byte[] prefix = new byte[SNIFF_BYTES];
            buffered.mark(SNIFF_BYTES);
            int length = buffered.readNBytes(prefix, 0, SNIFF_BYTES);
            boolean wholeFile = length < SNIFF_BYTES;
            buffered.reset();
            this.encoding = checkedEncoding(prefix, length);
            String sample = encoding.decode(prefix, length);
            this.delimiter = DelimiterDetector.detect(sample, wholeFile);
            buffered.skipNBytes(encoding.bomLength());
            this.text = textReader(buffered, encoding);
            this.records = CsvParser.separator(delimiter).maxBufferSize(maxRecordChars).reader(text).iterator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.headers = readHeader();
    }

    private static Reader textReader(InputStream bytes, TextEncoding encoding) {
        if (encoding.charset().equals(StandardCharsets.UTF_8)) {
            return new LenientUtf8Reader(bytes);
        }
        return new InputStreamReader(bytes, encoding.charset());
    }

    private static TextEncoding checkedEncoding(byte[] prefix, int length) {
        if (length == 0) {
            throw new FileFormatException("the file is empty");
        }
        if (ContentSniffer.isZip(prefix, length)) {
            throw new FileFormatException("the file is a zip archive (an XLSX workbook?), not CSV text");
        }
        TextEncoding encoding = TextEncoding.detect(prefix, length);
        if (!ContentSniffer.looksLikeText(encoding.decode(prefix, length))) {
            throw new FileFormatException("the file is not text (binary content), so it cannot be read as CSV");
        }
        return encoding;
    }

    // sfm-csv grows its buffer to hold a whole record; bounding it stops a runaway quote from eating the heap.
    private static int maxRecordChars(ParseLimits limits) {
        long bound = Math.max(8L << 20, 4L * limits.maxCellChars() + 1024L * limits.maxColumns());
        return (int) Math.min(bound, 64L << 20);
    }

    private List<String> readHeader() {
        String[] cells = nextNonBlankRecord();
        if (cells == null) {
            throw new FileFormatException("the file has no header row");
        }
        if (cells.length > limiter.limits().maxColumns()) {
            throw new FileFormatException("the header has more than " + limiter.limits().maxColumns() + " columns");
        }
        return HeaderNames.normalize(Arrays.asList(cells));
    }

    @Override
    public List<String> headers() {
        return headers;
    }

    @Override
    public ParsedRow next() {
        String[] cells = nextNonBlankRecord();
        if (cells == null) {
            return null;
        }
        rowNumber++;
        limiter.checkRowCount(rowNumber);
        limiter.checkColumnCount(rowNumber, cells.length);
        return RowAssembler.assemble(rowNumber, headers, trimmed(cells), limiter);
    }

    private String[] nextNonBlankRecord() {
        try {
            while (records.hasNext()) {
                String[] cells = records.next();
                if (!isBlank(cells)) {
                    return cells;
                }
            }
            return null;
        } catch (Exception e) {
            // sfm-csv throws some checked exceptions undeclared, so catch broadly here.
            throw unreadableRecord(e);
        }
    }

    private RuntimeException unreadableRecord(Exception e) {
        String row = "row " + (rowNumber + 1) + ": ";
        if (e instanceof BufferOverflowException) {
            return new FileFormatException(row + "a record is longer than " + maxRecordChars
                    + " characters (a quote that is never closed?)", e);
        }
        if (e instanceof IOException io) {
            return new UncheckedIOException(io);
        }
        if (e instanceof UncheckedIOException unchecked) {
            return unchecked;
        }
        return new FileFormatException(row + "the record cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }

    private static boolean isBlank(String[] cells) {
        return cells.length == 0 || (cells.length == 1 && cells[0].isBlank());
    }

    private static String[] trimmed(String[] cells) {
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        return cells;
    }

    @Override
    public long bytesRead() {
        return counting.count();
    }

    @Override
    public String encoding() {
        return encoding.name();
    }

    @Override
    public String delimiter() {
        return String.valueOf(delimiter);
    }

    @Override
    public void close() {
        try {
            text.close();
        } catch (IOException e) {
            // Nothing is lost: reading is over either way.
        }
    }
}
