package io.porter.imports.parsing;

import static io.porter.imports.parsing.Readers.concat;
import static io.porter.imports.parsing.Readers.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porter.imports.ParsedRow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("XLSX row reader")
class XlsxRowReaderTest {

    private static final byte[] WORKBOOK = ContactsWorkbook.bytes();

    @Test
    @DisplayName("The first sheet's first row is the header; empty rows are skipped and not counted")
    void headersAndRows() {
        try (RowReader reader = open(WORKBOOK, null)) {
            assertThat(reader.headers()).containsExactly(
                    "First Name", "Last Name", "Email", "Full Name", "Phone", "Birthday", "Last Contact", "Score", "VIP");
            assertThat(reader.encoding()).isNull();
            assertThat(reader.delimiter()).isNull();
            List<ParsedRow> rows = readAll(reader);
            assertThat(rows).extracting(ParsedRow::rowNumber).containsExactly(1L, 2L);
            assertThat(rows).noneMatch(ParsedRow::isBroken);
        }
    }

    @Test
    @DisplayName("Dates come out as ISO-8601, a numeric phone without .0 or exponent, formulas as their cached value")
    void cellValues() {
        ParsedRow ann = readAll(open(WORKBOOK, null)).get(0);

        assertThat(ann.values())
                .containsEntry("Email", "ann@example.com")
                .containsEntry("Full Name", "Ann Lee")
                .containsEntry("Phone", "14155550123")
                .containsEntry("Birthday", "2024-03-01")
                .containsEntry("Last Contact", "2024-03-01T10:15:00")
                .containsEntry("Score", "3.5")
                .containsEntry("VIP", "true");
    }

    @Test
    @DisplayName("Missing cells are empty strings and accents survive")
    void missingCells() {
        ParsedRow zoe = readAll(open(WORKBOOK, null)).get(1);

        assertThat(zoe.values())
                .containsEntry("Full Name", "Zoë Müller")
                .containsEntry("Phone", "+44 20 7946 0958")
                .containsEntry("Birthday", "")
                .containsEntry("Score", "")
                .containsEntry("VIP", "false");
    }

    @Test
    @DisplayName("A named sheet is read instead of the first")
    void namedSheet() {
        try (RowReader reader = open(WORKBOOK, "Notes")) {
            assertThat(reader.headers()).containsExactly("note");
            assertThat(reader.next().values()).containsEntry("note", "second sheet");
        }
    }

    @Test
    @DisplayName("An unknown sheet name fails and names the sheets there are")
    void unknownSheet() {
        assertThatThrownBy(() -> open(WORKBOOK, "Leads"))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("'Leads'").hasMessageContaining("Contacts, Notes");
    }

    @Test
    @DisplayName("The committed workbook, saved by LibreOffice Calc, reads with formula values, numeric phones and dates")
    void committedWorkbook() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/imports/contacts.xlsx")) {
            assertThat(in).isNotNull();
            List<ParsedRow> rows = readAll(open(in.readAllBytes(), null));
            assertThat(rows).extracting(r -> r.values().get("Phone")).containsExactly("14155550123", "+44 20 7946 0958");
            assertThat(rows.get(0).values()).containsEntry("Full Name", "Ann Lee").containsEntry("Birthday", "2024-03-01");
        }
    }

    @Test
    @DisplayName("A zip header followed by junk is not a valid workbook")
    void corruptZip() {
        byte[] junk = concat(new byte[] {'P', 'K', 3, 4}, "definitely not a workbook".getBytes());

        assertThatThrownBy(() -> open(junk, null))
                .isInstanceOf(FileFormatException.class)
                .hasMessage("the file is not a valid XLSX workbook (corrupt zip)");
    }

    @Test
    @DisplayName("A truncated workbook is not a valid workbook")
    void truncatedWorkbook() {
        byte[] half = Arrays.copyOf(WORKBOOK, WORKBOOK.length / 2);

        assertThatThrownBy(() -> readAll(open(half, null)))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("XLSX");
    }

    @Test
    @DisplayName("Plain text given as XLSX is refused")
    void textAsXlsx() {
        assertThatThrownBy(() -> open("email\na@x.io\n".getBytes(), null))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("not a valid XLSX workbook");
    }

    @Test
    @DisplayName("Number formatting: whole numbers plain, fractions without trailing zeros, no exponent")
    void plainNumbers() {
        assertThat(CellText.plainNumber(14155550123d)).isEqualTo("14155550123");
        assertThat(CellText.plainNumber(1e20)).isEqualTo("100000000000000000000");
        assertThat(CellText.plainNumber(3.50)).isEqualTo("3.5");
        assertThat(CellText.plainNumber(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(CellText.plainNumber(100)).isEqualTo("100");
        assertThat(CellText.plainNumber(-0.000001)).isEqualTo("-0.000001");
    }

    private static RowReader open(byte[] workbook, String sheet) {
        return RowReaders.open(new ByteArrayInputStream(workbook), FileType.XLSX, ParseLimits.DEFAULTS, sheet);
    }

    @Test
    @DisplayName("The sheet's declared dimension gives a row estimate before the rows are read")
    void declaredRows() {
        try (XlsxRowReader reader = (XlsxRowReader) open(WORKBOOK, null)) {
            assertThat(reader.declaredDataRows()).hasValue(3);
        }
    }
}
