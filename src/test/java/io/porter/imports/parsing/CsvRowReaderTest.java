package io.porter.imports.parsing;

import static io.porter.imports.parsing.Readers.bytes;
import static io.porter.imports.parsing.Readers.concat;
import static io.porter.imports.parsing.Readers.open;
import static io.porter.imports.parsing.Readers.readAll;
import static io.porter.imports.parsing.Readers.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porter.imports.ParsedRow;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("CSV row reader")
class CsvRowReaderTest {

    @Test
    @DisplayName("RFC 4180 quoting keeps embedded commas, doubled quotes and newlines inside one cell")
    void quotedCells() {
        byte[] csv = utf8("email,note\r\n"
                + "a@x.io,\"Hello, world\"\r\n"
                + "b@x.io,\"She said \"\"hi\"\"\"\r\n"
                + "c@x.io,\"line one\r\nline two\"\r\n");

        List<ParsedRow> rows = readAll(csv, FileType.CSV);

        assertThat(rows).extracting(r -> r.values().get("note"))
                .containsExactly("Hello, world", "She said \"hi\"", "line one\r\nline two");
        assertThat(rows).extracting(ParsedRow::rowNumber).containsExactly(1L, 2L, 3L);
        assertThat(rows).noneMatch(ParsedRow::isBroken);
    }

    @Test
    @DisplayName("LF and CRLF line endings read the same rows")
    void lineEndings() {
        List<ParsedRow> lf = readAll(utf8("email,name\na@x.io,Ann\nb@x.io,Bob\n"), FileType.CSV);
        List<ParsedRow> crlf = readAll(utf8("email,name\r\na@x.io,Ann\r\nb@x.io,Bob\r\n"), FileType.CSV);

        assertThat(crlf).isEqualTo(lf);
        assertThat(lf).extracting(r -> r.values().get("name")).containsExactly("Ann", "Bob");
    }

    @ParameterizedTest(name = "delimiter [{0}]")
    @ValueSource(strings = {",", ";", "\t", "|"})
    @DisplayName("Each supported delimiter is detected from the first lines")
    void delimiterDetected(String delimiter) {
        String text = String.join(delimiter, "email", "first name", "last name") + "\n"
                + String.join(delimiter, "a@x.io", "Ann", "Lee") + "\n"
                + String.join(delimiter, "b@x.io", "\"Bob" + delimiter + " Jr\"", "Ray") + "\n";

        try (RowReader reader = open(utf8(text), FileType.CSV)) {
            assertThat(reader.delimiter()).isEqualTo(delimiter);
            assertThat(reader.headers()).containsExactly("email", "first name", "last name");
            assertThat(readAll(reader)).extracting(r -> r.values().get("first name"))
                    .containsExactly("Ann", "Bob" + delimiter + " Jr");
        }
    }

    @Test
    @DisplayName("A comma inside quotes does not outvote the real semicolon delimiter")
    void delimiterIgnoresQuotedText() {
        byte[] csv = utf8("email;note\na@x.io;\"a, b, c, d\"\nb@x.io;\"e, f\"\n");

        try (RowReader reader = open(csv, FileType.CSV)) {
            assertThat(reader.delimiter()).isEqualTo(";");
            assertThat(readAll(reader).get(0).values()).containsEntry("note", "a, b, c, d");
        }
    }

    @Test
    @DisplayName("UTF-8 with a BOM: the BOM is not part of the first header")
    void utf8Bom() {
        byte[] csv = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("email,name\na@x.io,Zoë\n"));

        try (RowReader reader = open(csv, FileType.CSV)) {
            assertThat(reader.encoding()).isEqualTo("UTF-8");
            assertThat(reader.headers()).containsExactly("email", "name");
            assertThat(readAll(reader).get(0).values()).containsEntry("name", "Zoë");
        }
    }

    @Test
    @DisplayName("UTF-8 without a BOM keeps accented characters")
    void utf8WithoutBom() {
        try (RowReader reader = open(utf8("email,name\na@x.io,José Müller\n"), FileType.CSV)) {
            assertThat(reader.encoding()).isEqualTo("UTF-8");
            assertThat(readAll(reader).get(0).values()).containsEntry("name", "José Müller");
        }
    }

    @Test
    @DisplayName("A spreadsheet's \"Unicode text\" export (UTF-16LE, BOM, tabs) keeps Zoë, Müller and José")
    void utf16LeTabSeparated() {
        String text = "\uFEFFemail\tfirst\tlast\r\na@x.io\tZoë\tMüller\r\nb@x.io\tJosé\tGarcía\r\n";

        try (RowReader reader = open(bytes(text, StandardCharsets.UTF_16LE), FileType.CSV)) {
            assertThat(reader.encoding()).isEqualTo("UTF-16LE");
            assertThat(reader.delimiter()).isEqualTo("\t");
            assertThat(reader.headers()).containsExactly("email", "first", "last");
            List<ParsedRow> rows = readAll(reader);
            assertThat(rows.get(0).values()).containsEntry("first", "Zoë").containsEntry("last", "Müller");
            assertThat(rows.get(1).values()).containsEntry("first", "José").containsEntry("last", "García");
        }
    }

    @Test
    @DisplayName("UTF-16BE with a BOM is decoded")
    void utf16Be() {
        String text = "\uFEFFemail,name\na@x.io,Zoë\n";

        try (RowReader reader = open(bytes(text, StandardCharsets.UTF_16BE), FileType.CSV)) {
            assertThat(reader.encoding()).isEqualTo("UTF-16BE");
            assertThat(readAll(reader).get(0).values()).containsEntry("name", "Zoë");
        }
    }

    @Test
    @DisplayName("Bytes that are not valid UTF-8 are read as Windows-1252 (Müller written as 0xFC)")
    void windows1252() {
        byte[] csv = bytes("email;name\na@x.io;Müller\nb@x.io;Renée – €5\n", Charset.forName("windows-1252"));
        assertThat(csv).contains((byte) 0xFC);

        try (RowReader reader = open(csv, FileType.CSV)) {
            assertThat(reader.encoding()).isEqualTo("windows-1252");
            List<ParsedRow> rows = readAll(reader);
            assertThat(rows.get(0).values()).containsEntry("name", "Müller");
            assertThat(rows.get(1).values()).containsEntry("name", "Renée – €5");
        }
    }

    @Test
    @DisplayName("Blank lines are skipped and do not count as rows")
    void blankLinesSkipped() {
        byte[] csv = utf8("\n\nemail,name\n\na@x.io,Ann\n   \n\r\nb@x.io,Bob\n\n");

        List<ParsedRow> rows = readAll(csv, FileType.CSV);

        assertThat(rows).extracting(ParsedRow::rowNumber).containsExactly(1L, 2L);
        assertThat(rows).extracting(r -> r.values().get("email")).containsExactly("a@x.io", "b@x.io");
    }

    @Test
    @DisplayName("Rows with too many or too few cells become broken rows, and reading goes on")
    void wrongCellCounts() {
        byte[] csv = utf8("email,first,last,company\n"
                + "a@x.io,Ann,Lee,Acme,extra\n"
                + "b@x.io,Bob\n"
                + "c@x.io,Cy,Ray,Initech\n");

        List<ParsedRow> rows = readAll(csv, FileType.CSV);

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).error()).isEqualTo("row has 5 cells, header has 4");
        assertThat(rows.get(0).values()).containsEntry("company", "Acme");
        assertThat(rows.get(1).error()).isEqualTo("row has 2 cells, header has 4");
        assertThat(rows.get(1).values()).isEqualTo(Map.of("email", "b@x.io", "first", "Bob"));
        assertThat(rows.get(2).isBroken()).isFalse();
    }

    @Test
    @DisplayName("Values and header names are trimmed; empty headers get column_<n>, repeated ones a _2 suffix")
    void headerNormalisation() {
        byte[] csv = utf8(" email , name,,name\n  a@x.io ,  Ann , x , y \n");

        try (RowReader reader = open(csv, FileType.CSV)) {
            assertThat(reader.headers()).containsExactly("email", "name", "column_3", "name_2");
            assertThat(readAll(reader).get(0).values())
                    .containsExactly(Map.entry("email", "a@x.io"), Map.entry("name", "Ann"),
                            Map.entry("column_3", "x"), Map.entry("name_2", "y"));
        }
    }

    @Test
    @DisplayName("A header-only file has its headers and no rows")
    void headerOnly() {
        try (RowReader reader = open(utf8("email,name\r\n"), FileType.CSV)) {
            assertThat(reader.headers()).containsExactly("email", "name");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    @DisplayName("An empty file cannot be read")
    void emptyFile() {
        assertThatThrownBy(() -> open(new byte[0], FileType.CSV))
                .isInstanceOf(FileFormatException.class).hasMessage("the file is empty");
    }

    @Test
    @DisplayName("A file of blank lines has no header row")
    void onlyBlankLines() {
        assertThatThrownBy(() -> open(utf8("\n \r\n\n"), FileType.CSV))
                .isInstanceOf(FileFormatException.class).hasMessage("the file has no header row");
    }

    @Test
    @DisplayName("Binary junk is refused as not text")
    void binaryJunk() {
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);

        assertThatThrownBy(() -> open(junk, FileType.CSV))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("not text");
    }

    @Test
    @DisplayName("An XLSX workbook named .csv is refused with a hint")
    void zipAsCsv() {
        byte[] zip = concat(new byte[] {'P', 'K', 3, 4}, new byte[100]);

        assertThatThrownBy(() -> open(zip, FileType.CSV))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("XLSX");
    }

    @Test
    @DisplayName("Bytes read grow as rows are read, for progress")
    void bytesRead() {
        byte[] csv = utf8("email\n" + "a@x.io\n".repeat(10));
        try (RowReader reader = open(csv, FileType.CSV)) {
            readAll(reader);
            assertThat(reader.bytesRead()).isEqualTo(csv.length);
        }
    }

    @Test
    @DisplayName("Windows-1252 bytes past the detection window are still read as Windows-1252, not U+FFFD")
    void windows1252AfterDetectionWindow() {
        String asciiRows = "email,name\n" + "someone@example.com,Plain Name\n".repeat(3000);
        byte[] csv = concat(utf8(asciiRows), bytes("m@x.io,Müller\n", Charset.forName("windows-1252")),
                utf8("z@x.io,Zoë\n"));

        try (RowReader reader = open(csv, FileType.CSV)) {
            assertThat(reader.encoding()).isEqualTo("UTF-8");
            List<ParsedRow> rows = readAll(reader);
            assertThat(rows).hasSize(3002);
            assertThat(rows.get(3000).values()).containsEntry("name", "Müller");
            assertThat(rows.get(3001).values()).containsEntry("name", "Zoë");
        }
    }

    @Test
    @DisplayName("A multi-byte UTF-8 character split across read buffers decodes whole")
    void utf8AcrossBuffers() {
        StringBuilder text = new StringBuilder("email,name\n");
        for (int i = 0; i < 5000; i++) {
            text.append("u").append(i).append("@x.io,Zoë José €\n");
        }

        List<ParsedRow> rows = readAll(utf8(text.toString()), FileType.CSV);

        assertThat(rows).hasSize(5000).allSatisfy(r -> assertThat(r.values().get("name")).isEqualTo("Zoë José €"));
    }
}
