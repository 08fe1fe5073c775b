package io.porter.imports.parsing;

import static io.porter.imports.parsing.Readers.open;
import static io.porter.imports.parsing.Readers.readAll;
import static io.porter.imports.parsing.Readers.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porter.imports.ParsedRow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JSON row reader")
class JsonRowReaderTest {

    @Test
    @DisplayName("A top-level array of objects gives one row per object")
    void arrayOfObjects() {
        byte[] json = utf8("[{\"email\":\"a@x.io\",\"firstName\":\"Zoë\"},\n {\"email\":\"b@x.io\",\"phone\":14155550123}]");

        try (RowReader reader = open(json, FileType.JSON)) {
            assertThat(reader.encoding()).isEqualTo("UTF-8");
            assertThat(reader.delimiter()).isNull();
            List<ParsedRow> rows = readAll(reader);
            assertThat(rows).extracting(ParsedRow::rowNumber).containsExactly(1L, 2L);
            assertThat(rows.get(0).values()).isEqualTo(Map.of("email", "a@x.io", "firstName", "Zoë"));
            assertThat(rows.get(1).values()).containsEntry("phone", "14155550123");
            assertThat(reader.headers()).containsExactly("email", "firstName", "phone");
        }
    }

    @Test
    @DisplayName("Newline-delimited objects (NDJSON) give one row per line; blank lines are not rows")
    void ndjson() {
        byte[] json = utf8("{\"email\":\"a@x.io\"}\n\n{\"email\":\"b@x.io\"}\r\n{\"email\":\"c@x.io\"}\n");

        List<ParsedRow> rows = readAll(json, FileType.JSON);

        assertThat(rows).extracting(r -> r.values().get("email")).containsExactly("a@x.io", "b@x.io", "c@x.io");
        assertThat(rows).extracting(ParsedRow::rowNumber).containsExactly(1L, 2L, 3L);
    }

    @Test
    @DisplayName("Objects simply written one after another are read as a sequence")
    void concatenatedObjects() {
        assertThat(readAll(utf8("{\"email\":\"a@x.io\"}{\"email\":\"b@x.io\"}"), FileType.JSON)).hasSize(2);
    }

    @Test
    @DisplayName("Nested objects flatten to dotted keys, scalar arrays join with ';', null is empty")
    void flattening() {
        byte[] json = utf8("[{\"email\":\"a@x.io\",\"address\":{\"city\":\"Lyon\",\"geo\":{\"lat\":45.75}},"
                + "\"tags\":[\"vip\",\"beta\",null,3],\"company\":null,\"active\":true,"
                + "\"links\":[{\"a\":1}]}]");

        ParsedRow row = readAll(json, FileType.JSON).get(0);

        assertThat(row.values())
                .containsEntry("address.city", "Lyon")
                .containsEntry("address.geo.lat", "45.75")
                .containsEntry("tags", "vip;beta;3")
                .containsEntry("company", "")
                .containsEntry("active", "true")
                .containsEntry("links", "{\"a\":1}");
    }

    @Test
    @DisplayName("An element that is not an object is a broken row, and reading goes on")
    void nonObjectElement() {
        byte[] json = utf8("[{\"email\":\"a@x.io\"}, 42, [1,2], \"text\", {\"email\":\"b@x.io\"}]");

        List<ParsedRow> rows = readAll(json, FileType.JSON);

        assertThat(rows).extracting(ParsedRow::error)
                .containsExactly(null, "element is not an object", "element is not an object", "element is not an object", null);
        assertThat(rows.get(4).values()).containsEntry("email", "b@x.io");
        assertThat(rows.get(4).rowNumber()).isEqualTo(5);
    }

    @Test
    @DisplayName("Headers of the first row are known right after opening")
    void headersKnownAtOpen() {
        try (RowReader reader = open(utf8("[{\"email\":\"a@x.io\",\"name\":{\"first\":\"Ann\"}}]"), FileType.JSON)) {
            assertThat(reader.headers()).containsExactly("email", "name.first");
        }
    }

    @Test
    @DisplayName("An empty array has no rows")
    void emptyArray() {
        assertThat(readAll(utf8(" [ ] "), FileType.JSON)).isEmpty();
    }

    @Test
    @DisplayName("A top-level scalar is not an importable JSON file")
    void topLevelScalar() {
        assertThatThrownBy(() -> open(utf8("\"just a string\""), FileType.JSON))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("array of objects or newline-delimited objects");
    }

    @Test
    @DisplayName("An empty file cannot be read")
    void emptyFile() {
        assertThatThrownBy(() -> open(utf8("  \n"), FileType.JSON))
                .isInstanceOf(FileFormatException.class).hasMessage("the file is empty");
    }

    @Test
    @DisplayName("Malformed JSON at the start fails at open")
    void malformedAtStart() {
        assertThatThrownBy(() -> open(utf8("[{\"email\": }]"), FileType.JSON))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("malformed JSON");
    }

    @Test
    @DisplayName("Malformed JSON after some rows fails naming the row; earlier rows were returned")
    void malformedLater() {
        byte[] json = utf8("[{\"email\":\"a@x.io\"},\n{\"email\":\"b@x.io\"},\n{\"email\" \"c@x.io\"}]");

        try (RowReader reader = open(json, FileType.JSON)) {
            assertThat(reader.next().values()).containsEntry("email", "a@x.io");
            assertThat(reader.next().values()).containsEntry("email", "b@x.io");
            assertThatThrownBy(reader::next)
                    .isInstanceOf(FileFormatException.class)
                    .hasMessageStartingWith("row 3: malformed JSON at line 3");
        }
    }

    @Test
    @DisplayName("Content after the closing bracket is refused")
    void trailingContent() {
        assertThatThrownBy(() -> readAll(utf8("[{\"email\":\"a@x.io\"}] {\"email\":\"b@x.io\"}"), FileType.JSON))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("after the JSON array");
    }

    @Test
    @DisplayName("A UTF-8 BOM before the JSON is ignored")
    void utf8Bom() {
        assertThat(readAll(utf8("\uFEFF[{\"name\":\"Zoë\"}]"), FileType.JSON).get(0).values()).containsEntry("name", "Zoë");
    }

    @Test
    @DisplayName("Garbage where the next element should start is reported against that next row")
    void garbageBetweenElements() {
        try (RowReader reader = open(utf8("{\"email\":\"a@x.io\"}\n}}}\n"), FileType.JSON)) {
            assertThat(reader.next().values()).containsEntry("email", "a@x.io");
            assertThatThrownBy(reader::next)
                    .isInstanceOf(FileFormatException.class).hasMessageStartingWith("row 2: malformed JSON");
        }
    }
}
