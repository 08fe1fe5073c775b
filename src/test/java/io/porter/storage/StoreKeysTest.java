package io.porter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Storage keys")
class StoreKeysTest {

    private static final UUID TENANT = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID UPLOAD = UUID.fromString("33333333-3333-3333-3333-333333333333");

    @Test
    @DisplayName("An upload key is tenant/uploads/upload/file name, under the tenant prefix")
    void uploadKeyLayout() {
        String key = StoreKeys.uploadKey(TENANT, UPLOAD, "Contacts 2024.csv");

        assertThat(key).isEqualTo(
                "11111111-1111-1111-1111-111111111111/uploads/33333333-3333-3333-3333-333333333333/Contacts 2024.csv");
        assertThat(key).startsWith(StoreKeys.tenantPrefix(TENANT));
        assertThat(StoreKeys.tenantPrefix(TENANT)).isEqualTo("11111111-1111-1111-1111-111111111111/");
    }

    @ParameterizedTest(name = "''{0}'' becomes ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "contacts.csv            | contacts.csv",
            "../../etc/passwd        | ______etc_passwd",
            "a/b\\c.csv              | a_b_c.csv",
            "Kontakte-Übersicht.xlsx | Kontakte-_bersicht.xlsx",
            "report..csv             | report__csv",
            "\".\"                   | _",
            "\"..\"                  | __",
            "\"\"                    | file",
            "\"   \"                 | file",
            "%2e%2e%2fx              | _2e_2e_2fx"
    })
    @DisplayName("File names become one harmless path segment")
    void sanitizesFileNames(String fileName, String expected) {
        assertThat(StoreKeys.safeFileName(fileName)).isEqualTo(expected);
    }

    @Test
    @DisplayName("Control characters such as NUL become underscores")
    void controlCharacters() {
        assertThat(StoreKeys.safeFileName("evil\0name\n.csv")).isEqualTo("evil_name_.csv");
    }

    @Test
    @DisplayName("A missing file name becomes 'file'")
    void nullFileName() {
        assertThat(StoreKeys.safeFileName(null)).isEqualTo("file");
    }

    @Test
    @DisplayName("A long file name is cut to 200 characters, keeping its extension")
    void longFileNameKeepsExtension() {
        String name = StoreKeys.safeFileName("x".repeat(500) + ".xlsx");

        assertThat(name).hasSize(200).endsWith("x.xlsx");
    }
}
