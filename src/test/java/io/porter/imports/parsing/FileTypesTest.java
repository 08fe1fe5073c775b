package io.porter.imports.parsing;

import static io.porter.imports.parsing.Readers.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("File type decision")
class FileTypesTest {

    private static final byte[] CSV_HEAD = utf8("email,name\na@x.io,Ann\n");

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"contacts.csv,CSV", "contacts.TSV,CSV", "export.txt,CSV", "x.tab,CSV", "book.xlsx,XLSX",
            "data.json,JSON", "data.ndjson,JSON", "data.JSONL,JSON"})
    @DisplayName("Known extensions name their type")
    void byName(String fileName, FileType type) {
        assertThat(FileType.fromName(fileName)).contains(type);
    }

    @Test
    @DisplayName("Unknown or missing extensions name no type")
    void unknownNames() {
        assertThat(FileType.fromName("contacts.xls")).isEmpty();
        assertThat(FileType.fromName("contacts")).isEmpty();
        assertThat(FileType.fromName(null)).isEmpty();
    }

    @Test
    @DisplayName("Content sniffing: zip is XLSX, [ or { is JSON (after BOM and spaces), text is CSV, junk is nothing")
    void sniffing() {
        assertThat(FileType.sniff(new byte[] {'P', 'K', 3, 4, 20, 0})).contains(FileType.XLSX);
        assertThat(FileType.sniff(utf8("\uFEFF  \n [{\"a\":1}]"))).contains(FileType.JSON);
        assertThat(FileType.sniff(utf8("{\"a\":1}\n"))).contains(FileType.JSON);
        assertThat(FileType.sniff(CSV_HEAD)).contains(FileType.CSV);
        assertThat(FileType.sniff("\uFEFFemail\tname\r\n".getBytes(StandardCharsets.UTF_16LE))).contains(FileType.CSV);
        assertThat(FileType.sniff(new byte[] {0, 1, 2, 3, (byte) 0xFF, 0, 7, 8})).isEmpty();
        assertThat(FileType.sniff(new byte[0])).isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName("An explicit type wins over the name and the content, in any case")
    void explicitFirst() {
        assertThat(FileTypes.decide("JSON", "contacts.csv", CSV_HEAD)).isEqualTo(FileType.JSON);
        assertThat(FileTypes.decide("ndjson", null, null)).isEqualTo(FileType.JSON);
        assertThat(FileTypes.decide("tsv", null, null)).isEqualTo(FileType.CSV);
    }

    @Test
    @DisplayName("An unknown explicit type is refused, naming it")
    void unknownExplicit() {
        assertThatThrownBy(() -> FileTypes.decide("xls", "contacts.csv", CSV_HEAD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'xls'");
    }

    @Test
    @DisplayName("Without an explicit type the name decides, then the content")
    void nameThenContent() {
        assertThat(FileTypes.decide(null, "book.xlsx", CSV_HEAD)).isEqualTo(FileType.XLSX);
        assertThat(FileTypes.decide(" ", "upload.bin", utf8("[{\"a\":1}]"))).isEqualTo(FileType.JSON);
        assertThat(FileTypes.decide(null, null, CSV_HEAD)).isEqualTo(FileType.CSV);
    }

    @Test
    @DisplayName("CSV is never assumed: junk with no telling name cannot be typed")
    void neverAssumeCsv() {
        assertThatThrownBy(() -> FileTypes.decide(null, "upload", new byte[] {0, 0, 1, 2, 3}))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("cannot tell the file type");
        assertThatThrownBy(() -> FileTypes.decide(null, null, new byte[0]))
                .isInstanceOf(FileFormatException.class);
    }

    @Test
    @DisplayName("Type names for JSON answers are lower case")
    void jsonNames() {
        assertThat(FileType.CSV.jsonName()).isEqualTo("csv");
        assertThat(FileType.XLSX.jsonName()).isEqualTo("xlsx");
        assertThat(FileType.JSON.jsonName()).isEqualTo("json");
    }
}
