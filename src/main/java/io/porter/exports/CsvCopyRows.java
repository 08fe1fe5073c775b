package io.porter.exports;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns rows of PostgreSQL's CSV (one CopyData message each, LF-terminated) into CsvExportWriter's bytes:
 * <ul>
 *   <li>a text cell starting with = + - @ tab or CR gets a leading {@code '} when csvSafe, unless it is a plain
 *       number (CsvCells.defuseFormula, on the UTF-8 bytes: those characters and the digits are ASCII);</li>
 *   <li>quotes exactly when the value holds , " CR or LF: COPY also quotes an empty string (written empty, as
 *       NULL is) and a lone {@code \.} of a one-column file (its end marker); doubled quotes stay as they are;</li>
 *   <li>CRLF line ends; the leading flag column of a flagged query is dropped.</li>
 * </ul>
 * Works on bytes without decoding: in UTF-8 no byte of a multi-byte character is an ASCII byte.
 */
final class CsvCopyRows {

    private static final int BUFFER = 256 * 1024;
    private static final int FLAG_LENGTH = 2; // "f,"

    private final boolean[] text;
    private final boolean csvSafe;
    private final boolean flagged;
    private final OutputStream out;
    private byte[] buffer = new byte[BUFFER];
    private int used;

    CsvCopyRows(boolean[] text, boolean csvSafe, boolean flagged, OutputStream out) {
        this.text = text.clone();
        this.csvSafe = csvSafe;
        this.flagged = flagged;
        this.out = out;
    }

    /** @return false when the row's flag says the row writer must make this file */
    boolean write(byte[] row) throws IOException {
        if (flagged && row[0] == 't') {
            return false;
        }
        int end = row.length > 0 && row[row.length - 1] == '\n' ? row.length - 1 : row.length;
        reserve(end + text.length + 2);
        int pos = flagged ? FLAG_LENGTH : 0;
        for (int column = 0; ; column++) {
            pos = pos < end && row[pos] == '"' ? quotedCell(row, pos, end, column) : plainCell(row, pos, end, column);
            if (pos >= end) {
                break;
            }
            buffer[used++] = ',';
            pos++;
        }
        buffer[used++] = '\r';
        buffer[used++] = '\n';
        return true;
    }

    /** Writes what is left in the buffer to the stream. */
    void flush() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
    }

    private int plainCell(byte[] row, int start, int end, int column) {
        int stop = start;
        while (stop < end && row[stop] != ',') {
            stop++;
        }
        if (defuses(row, start, stop, column)) {
            buffer[used++] = '\'';
        }
        append(row, start, stop);
        return stop;
    }

    private int quotedCell(byte[] row, int quote, int end, int column) {
        int start = quote + 1;
        int close = start;
        boolean special = false;
        while (close < end) {
            byte b = row[close];
            if (b == '"') {
                if (close + 1 < end && row[close + 1] == '"') {
                    special = true;
                    close += 2;
                    continue;
                }
                break;
            }
            special |= b == ',' || b == '\r' || b == '\n';
            close++;
        }
        if (close > start) {
            boolean defuse = defuses(row, start, close, column);
            if (special) {
                buffer[used++] = '"';
            }
            if (defuse) {
                buffer[used++] = '\'';
            }
            append(row, start, close);
            if (special) {
                buffer[used++] = '"';
            }
        }
        return close + 1;
    }

    private boolean defuses(byte[] row, int start, int stop, int column) {
        if (!csvSafe || !text[column] || start >= stop) {
            return false;
        }
        byte first = row[start];
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula && !plainNumber(row, start, stop);
    }

    /** [+-]?[0-9]+([.,][0-9]+)? over the whole cell. */
    private static boolean plainNumber(byte[] row, int start, int stop) {
        int i = start;
        if (row[i] == '+' || row[i] == '-') {
            i++;
        }
        int digits = i;
        while (i < stop && isDigit(row[i])) {
            i++;
        }
        if (i == digits) {
            return false;
        }
        if (i == stop) {
            return true;
        }
        if (row[i] != '.' && row[i] != ',') {
            return false;
        }
        int fraction = ++i;
        while (i < stop && isDigit(row[i])) {
            i++;
        }
        return i > fraction && i == stop;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private void append(byte[] row, int from, int to) {
        System.arraycopy(row, from, buffer, used, to - from);
        used += to - from;
    }

    private void reserve(int bytes) throws IOException {
        if (used + bytes > buffer.length) {
            flush();
        }
        if (bytes > buffer.length) {
            buffer = new byte[bytes]; // a row of huge cells; the next flush keeps using it
        }
    }
}
