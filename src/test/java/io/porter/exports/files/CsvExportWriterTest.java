package io.porter.exports.files;

import static io.porter.exports.files.ExportFixtures.allColumns;
import static io.porter.exports.files.ExportFixtures.contacts;
import static io.porter.exports.files.ExportFixtures.expectedText;
import static io.porter.exports.files.ExportFixtures.export;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.simpleflatmapper.csv.CsvParser;

@DisplayName("CSV export writer")
class CsvExportWriterTest {

    private static final String BOM = "\uFEFF";

    @Test
    @DisplayName("Read back by a CSV parser, every column of every contact equals the input")
    void roundTrip() {
        ExportColumns columns = allColumns();
        List<ExportContact> contacts = contacts();

        List<String[]> rows = parse(export("csv", columns, false, contacts));

        assertThat(rows.get(0)).containsExactlyElementsOf(columns.names());
        assertThat(rows).hasSize(contacts.size() + 1);
        for (int i = 0; i < contacts.size(); i++) {
            List<String> expected = new ArrayList<>();
            for (String column : columns.names()) {
                String text = expectedText(column, contacts.get(i));
                expected.add(text == null ? "" : text);
            }
            assertThat(rows.get(i + 1)).as("row %d", i + 1).containsExactlyElementsOf(expected);
        }
    }

    @Test
    @DisplayName("Default export: header of field names, CRLF line ends, quoted commas, quotes and newlines")
    void defaultColumnsAndQuoting() {
        String text = new String(export("csv", ExportColumns.of(null, false, null, false), false, contacts()),
                StandardCharsets.UTF_8);

        assertThat(text).startsWith("email,firstName,lastName,company,phone\r\n");
        assertThat(text).contains("ann@example.com,Zoë,Ålund,\"Acme, Inc.\",+14155550123\r\n");
        assertThat(text).contains("wang@example.cn,小明,王,\"Say \"\"hi\"\"\",\r\n");
        assertThat(text).contains("bob@example.com,Bob,,\"line one\r\nline two\",-12\r\n");
    }

    @Test
    @DisplayName("Instants are ISO-8601 UTC and tags one cell joined with ;")
    void datesAndTags() {
        ExportColumns columns = ExportColumns.of(List.of("email", "tags", "createdAt"), false, null, false);

        List<String[]> rows = parse(export("csv", columns, true, List.of(ExportFixtures.ann())));

        assertThat(rows.get(1)).containsExactly("ann@example.com", "vip;beta", "2026-01-02T03:04:05Z");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"=SUM(A1)", "+cmd", "-x", "@x", "\tx", "\rx", "=1+1", "-", "+1 415 555"})
    @DisplayName("By default a cell a spreadsheet would run as a formula gets a leading quote")
    void formulaEscaped(String value) {
        assertThat(companyCell(value, true)).isEqualTo("'" + value);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"+14155550123", "-12", "-12.5", "+3,5", "42", "Acme", "a=b", ""})
    @DisplayName("Plain numbers and ordinary text are not escaped")
    void plainValuesNotEscaped(String value) {
        assertThat(companyCell(value, true)).isEqualTo(value);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"=SUM(A1)", "+cmd", "-x", "@x", "\tx"})
    @DisplayName("With csvSafe false formula-like cells are written raw")
    void rawWhenNotSafe(String value) {
        assertThat(companyCell(value, false)).isEqualTo(value);
    }

    @Test
    @DisplayName("A spreadsheet-safe file starts with a UTF-8 byte order mark; a raw file does not")
    void byteOrderMark() {
        ExportColumns columns = ExportColumns.of(null, false, null, false);

        String safe = new String(export("csv", columns, true, contacts()), StandardCharsets.UTF_8);
        String raw = new String(export("csv", columns, false, contacts()), StandardCharsets.UTF_8);

        assertThat(safe).startsWith(BOM + "email,");
        assertThat(raw).startsWith("email,");
        assertThat(safe.substring(1)).isEqualTo(raw);
    }

    @Test
    @DisplayName("Custom field values are escaped too")
    void customFieldsEscaped() {
        ExportContact contact = withCompany("Acme", "=HYPERLINK(\"http://evil\")");
        ExportColumns columns = ExportColumns.of(List.of("customFields.note"), false, null, false);

        List<String[]> rows = parse(export("csv", columns, true, List.of(contact)));

        assertThat(rows.get(1)).containsExactly("'=HYPERLINK(\"http://evil\")");
    }

    private static String companyCell(String company, boolean csvSafe) {
        ExportColumns columns = ExportColumns.of(List.of("email", "company"), false, null, false);
        List<String[]> rows = parse(export("csv", columns, csvSafe, List.of(withCompany(company, null))));
        return rows.get(1)[1];
    }

    private static ExportContact withCompany(String company, String note) {
        return new ExportContact(UUID.randomUUID(), "a@x.io", null, null, company, null,
                note == null ? null : Map.of("note", note), null, null, null, null);
    }

    static List<String[]> parse(byte[] csv) {
        String text = new String(csv, StandardCharsets.UTF_8);
        if (text.startsWith(BOM)) {
            text = text.substring(1);
        }
        try {
            List<String[]> rows = new ArrayList<>();
            CsvParser.reader(new StringReader(text)).forEach(row -> rows.add(Arrays.copyOf(row, row.length)));
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
