package io.porter.imports.parsing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Builds the contacts workbook the XLSX tests read, with Apache POI: the values a spreadsheet user
 * types (dates with and without time, a phone typed as a number, a formula with its cached result).
 */
final class ContactsWorkbook {

    private ContactsWorkbook() {
    }

    static byte[] bytes() {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fillContacts(workbook.createSheet("Contacts"), workbook.getCreationHelper(), workbook);
            Sheet notes = workbook.createSheet("Notes");
            notes.createRow(0).createCell(0).setCellValue("note");
            notes.createRow(1).createCell(0).setCellValue("second sheet");
            // Spreadsheet programs store each formula's last result; POI does so only when asked.
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fillContacts(Sheet sheet, CreationHelper helper, XSSFWorkbook workbook) {
        CellStyle date = workbook.createCellStyle();
        date.setDataFormat(helper.createDataFormat().getFormat("yyyy-mm-dd"));
        CellStyle dateTime = workbook.createCellStyle();
        dateTime.setDataFormat(helper.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
        CellStyle money = workbook.createCellStyle();
        money.setDataFormat(helper.createDataFormat().getFormat("0.00"));

        Row header = sheet.createRow(0);
        String[] names = {"First Name", "Last Name", "Email", "Full Name", "Phone", "Birthday", "Last Contact", "Score", "VIP"};
        for (int i = 0; i < names.length; i++) {
            header.createCell(i).setCellValue(names[i]);
        }

        Row ann = sheet.createRow(1);
        ann.createCell(0).setCellValue("Ann");
        ann.createCell(1).setCellValue("Lee");
        ann.createCell(2).setCellValue("ann@example.com");
        ann.createCell(3).setCellFormula("A2&\" \"&B2");
        ann.createCell(4).setCellValue(14155550123d);
        ann.createCell(5).setCellValue(LocalDate.of(2024, 3, 1));
        ann.getCell(5).setCellStyle(date);
        ann.createCell(6).setCellValue(LocalDateTime.of(2024, 3, 1, 10, 15));
        ann.getCell(6).setCellStyle(dateTime);
        ann.createCell(7).setCellValue(3.50);
        ann.getCell(7).setCellStyle(money);
        ann.createCell(8).setCellValue(true);

        // Row 3 of the sheet stays empty on purpose: empty rows are skipped.
        Row zoe = sheet.createRow(3);
        zoe.createCell(0).setCellValue("Zoë");
        zoe.createCell(1).setCellValue("Müller");
        zoe.createCell(2).setCellValue("zoe@example.com");
        zoe.createCell(3).setCellFormula("A4&\" \"&B4");
        zoe.createCell(4).setCellValue("+44 20 7946 0958");
        zoe.createCell(8).setCellValue(false);
    }
}
