package io.porter.imports.parsing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A CSV of contacts made up as it is read, so a test can stream a big file without holding it. */
final class GeneratedCsv extends InputStream {

    private final long rows;
    private long nextRow;
    private byte[] current = "email,first_name,last_name\r\n".getBytes(StandardCharsets.US_ASCII);
    private int position;

    GeneratedCsv(long rows) {
        this.rows = rows;
    }

    static String row(long n) {
        return "user" + n + "@example.com,First" + n + ",\"Last, " + n + "\"\r\n";
    }

    /** The file's size in bytes, without generating it. */
    static long size(long rows) {
        long size = "email,first_name,last_name\r\n".length();
        for (long n = 1; n <= rows; n++) {
            size += row(n).length();
        }
        return size;
    }

    @Override
    public int read() {
        if (!ensureBytes()) {
            return -1;
        }
        return current[position++] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (!ensureBytes()) {
            return -1;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    private boolean ensureBytes() {
        while (position == current.length) {
            if (nextRow == rows) {
                return false;
            }
            nextRow++;
            current = row(nextRow).getBytes(StandardCharsets.US_ASCII);
            position = 0;
        }
        return true;
    }
}
