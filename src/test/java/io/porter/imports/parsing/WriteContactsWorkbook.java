package io.porter.imports.parsing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Regenerates src/test/resources/imports/contacts.xlsx: run its main from the project root. */
final class WriteContactsWorkbook {

    private WriteContactsWorkbook() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of("src/test/resources/imports/contacts.xlsx");
        Files.createDirectories(target.getParent());
        Files.write(target, ContactsWorkbook.bytes());
    }
}
