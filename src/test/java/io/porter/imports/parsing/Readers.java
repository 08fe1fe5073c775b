package io.porter.imports.parsing;

import io.porter.imports.ParsedRow;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test shortcuts: open readers on bytes and drain them. */
final class Readers {

    private Readers() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(String text, Charset charset) {
        return text.getBytes(charset);
    }

    static RowReader open(byte[] content, FileType type) {
        return open(content, type, ParseLimits.DEFAULTS);
    }

    static RowReader open(byte[] content, FileType type, ParseLimits limits) {
        return RowReaders.open(new ByteArrayInputStream(content), type, limits, null);
    }

    static List<ParsedRow> readAll(RowReader reader) {
        List<ParsedRow> rows = new ArrayList<>();
        ParsedRow row;
        while ((row = reader.next()) != null) {
            rows.add(row);
        }
        return rows;
    }

    static List<ParsedRow> readAll(byte[] content, FileType type) {
        try (RowReader reader = open(content, type)) {
            return readAll(reader);
        }
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
