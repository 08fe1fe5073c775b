package io.porter.imports;

import io.vertx.core.buffer.Buffer;

import java.util.List;

/** RFC 4180 lines: a cell holding a comma, quote or line break is quoted, its quotes doubled. */
final class Csv {

    private Csv() {
    }

    static void appendLine(Buffer buffer, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                buffer.appendString(",");
            }
            buffer.appendString(quoted(cells.get(i)));
        }
        buffer.appendString("\r\n");
    }

    static String quoted(String cell) {
        if (cell == null) {
            return "";
        }
        boolean needsQuotes = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                || cell.indexOf('\r') >= 0;
        return needsQuotes ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
