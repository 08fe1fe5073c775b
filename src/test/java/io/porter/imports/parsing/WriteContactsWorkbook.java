package io.porter.imports.parsing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the workbook behind src/test/resources/imports/contacts.xlsx: run its main from the project
 * root, then let a spreadsheet program save it (the committed file was saved by LibreOffice Calc:
 * {@code soffice --headless --convert-to xlsx}), so tests read a spreadsheet program's own XML.
 */
final class WriteContactsWorkbook {

    private WriteContactsWorkbook() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of("src/test/resources/imports/contacts.xlsx");
        Files.createDirectories(target.getParent());
        Files.write(target, ContactsWorkbook.bytes());
    }
}
