package io.porter.exports.files;

import static io.porter.exports.files.ExportFixtures.allColumns;
import static io.porter.exports.files.ExportFixtures.contacts;
import static io.porter.exports.files.ExportFixtures.expectedText;
import static io.porter.exports.files.ExportFixtures.export;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("XLSX export writer")
class XlsxExportWriterTest {

    private static final List<String> DATE_COLUMNS = List.of("createdAt", "updatedAt", "lastOpenedAt", "lastClickedAt");
    private static final List<String> COUNT_COLUMNS = List.of("emailsSent", "emailsOpened", "emailsClicked");

    @Test
    @DisplayName("Read back by Apache POI, every column of every contact equals the input")
    void roundTrip() throws IOException {
        ExportColumns columns = allColumns();
        List<ExportContact> contacts = contacts();

        try (XSSFWorkbook workbook = open(export("xlsx", columns, true, contacts))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
            assertThat(sheet.getSheetName()).isEqualTo("Contacts");
            assertThat(texts(sheet.getRow(0))).containsExactlyElementsOf(columns.names());
            assertThat(sheet.getLastRowNum()).isEqualTo(contacts.size());
            for (int i = 0; i < contacts.size(); i++) {
                assertRow(columns, sheet.getRow(i + 1), contacts.get(i));
            }
        }
    }

    @Test
    @DisplayName("Dates are numeric date-formatted cells, counts are numbers and a + phone stays text")
    void cellTypes() throws IOException {
        try (XSSFWorkbook workbook = open(export("xlsx", allColumns(), true, List.of(ExportFixtures.ann())))) {
            Sheet sheet = workbook.getSheetAt(0);
            List<String> header = texts(sheet.getRow(0));
            Row row = sheet.getRow(1);

            Cell created = row.getCell(header.indexOf("createdAt"));
            assertThat(created.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(created)).isTrue();
            assertThat(new DataFormatter().formatCellValue(created)).isEqualTo("2026-01-02 03:04:05");

            Cell phone = row.getCell(header.indexOf("phone"));
            assertThat(phone.getCellType()).isEqualTo(CellType.STRING);
            assertThat(phone.getStringCellValue()).isEqualTo("+14155550123");

            Cell sent = row.getCell(header.indexOf("emailsSent"));
            assertThat(sent.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(sent.getNumericCellValue()).isEqualTo(5.0);
        }
    }

    @Test
    @DisplayName("Formula-like text is stored as text, never as a formula")
    void formulaLikeTextStaysText() throws IOException {
        ExportContact contact = new ExportContact(null, "=SUM(A1)", null, null, "+cmd", null, null, null, null,
                null, null);
        ExportColumns columns = ExportColumns.of(List.of("email", "company"), false, null, false);

        try (XSSFWorkbook workbook = open(export("xlsx", columns, true, List.of(contact)))) {
            Row row = workbook.getSheetAt(0).getRow(1);
            assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("=SUM(A1)");
            assertThat(row.getCell(1).getStringCellValue()).isEqualTo("+cmd");
        }
    }

    @Test
    @DisplayName("Past maxRowsPerSheet the rows continue on Contacts 2, Contacts 3, each with the header")
    void sheetSplit() throws IOException {
        ExportColumns columns = ExportColumns.of(List.of("email", "createdAt"), false, null, false);
        List<ExportContact> contacts = IntStream.rangeClosed(1, 7).mapToObj(ExportFixtures::numbered).toList();

        byte[] xlsx = ExportFixtures.write(out -> new XlsxExportWriter(out, 3), columns, contacts);

        try (XSSFWorkbook workbook = open(xlsx)) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
            List<String> emails = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                Sheet sheet = workbook.getSheetAt(s);
                assertThat(sheet.getSheetName()).isEqualTo(s == 0 ? "Contacts" : "Contacts " + (s + 1));
                assertThat(texts(sheet.getRow(0))).containsExactly("email", "createdAt");
                assertThat(sheet.getLastRowNum()).isEqualTo(s < 2 ? 3 : 1);
                for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                    emails.add(sheet.getRow(r).getCell(0).getStringCellValue());
                }
            }
            assertThat(emails).containsExactlyElementsOf(contacts.stream().map(ExportContact::email).toList());
        }
    }

    @Test
    @DisplayName("Exactly maxRowsPerSheet contacts fit on one sheet")
    void exactlyFullSheet() throws IOException {
        ExportColumns columns = ExportColumns.of(null, false, null, false);
        List<ExportContact> contacts = IntStream.rangeClosed(1, 3).mapToObj(ExportFixtures::numbered).toList();

        try (XSSFWorkbook workbook = open(ExportFixtures.write(out -> new XlsxExportWriter(out, 3), columns,
                contacts))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("Control characters and text past Excel's 32,767-character cell limit still give a readable workbook")
    void awkwardText() throws IOException {
        String longText = "x".repeat(40_000);
        ExportContact contact = new ExportContact(null, "a\u0001b\u0000c", null, null, longText, null, null, null,
                null, null, null);
        ExportColumns columns = ExportColumns.of(List.of("email", "company"), false, null, false);

        try (XSSFWorkbook workbook = open(export("xlsx", columns, true, List.of(contact)))) {
            Row row = workbook.getSheetAt(0).getRow(1);
            assertThat(row.getCell(0).getStringCellValue()).startsWith("a").endsWith("c");
            assertThat(row.getCell(1).getStringCellValue()).hasSize(XlsxExportWriter.MAX_CELL_CHARS);
        }
    }

    private static void assertRow(ExportColumns columns, Row row, ExportContact contact) {
        List<String> names = columns.names();
        for (int c = 0; c < names.size(); c++) {
            String column = names.get(c);
            String expected = expectedText(column, contact);
            Cell cell = row.getCell(c);
            if (expected == null) {
                assertThat(cell == null || cell.getCellType() == CellType.BLANK).as(column).isTrue();
            } else if (DATE_COLUMNS.contains(column)) {
                assertThat(DateUtil.isCellDateFormatted(cell)).as(column).isTrue();
                assertThat(cell.getLocalDateTimeCellValue()).as(column)
                        .isEqualTo(LocalDateTime.ofInstant(Instant.parse(expected), ZoneOffset.UTC));
            } else if (COUNT_COLUMNS.contains(column)) {
                assertThat(cell.getNumericCellValue()).as(column).isEqualTo(Double.parseDouble(expected));
            } else {
                assertThat(cell.getStringCellValue()).as(column).isEqualTo(expected);
            }
        }
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        row.forEach(cell -> texts.add(cell.getStringCellValue()));
        return texts;
    }

    private static XSSFWorkbook open(byte[] xlsx) {
        try {
            return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
