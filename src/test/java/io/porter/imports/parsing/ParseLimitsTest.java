package io.porter.imports.parsing;

import static io.porter.imports.parsing.Readers.open;
import static io.porter.imports.parsing.Readers.readAll;
import static io.porter.imports.parsing.Readers.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porter.imports.ParsedRow;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Parse limits")
class ParseLimitsTest {

    private static final ParseLimits SMALL = new ParseLimits(3, 4, 10);

    @Test
    @DisplayName("The defaults are 5,000,000 rows, 1,000 columns and 64 KiB per cell")
    void defaults() {
        assertThat(ParseLimits.DEFAULTS).isEqualTo(new ParseLimits(5_000_000, 1_000, 65_536));
    }

    @Test
    @DisplayName("More rows than allowed stops the file with a clear error, after the allowed rows")
    void tooManyRows() {
        try (RowReader reader = open(utf8("email\na\nb\nc\nd\n"), FileType.CSV, SMALL)) {
            reader.next();
            reader.next();
            reader.next();
            assertThatThrownBy(reader::next)
                    .isInstanceOf(FileFormatException.class).hasMessage("the file has more than 3 rows");
        }
    }

    @Test
    @DisplayName("A header wider than allowed fails at open")
    void tooManyHeaderColumns() {
        assertThatThrownBy(() -> open(utf8("a,b,c,d,e\n1,2,3,4,5\n"), FileType.CSV, SMALL))
                .isInstanceOf(FileFormatException.class).hasMessage("the header has more than 4 columns");
    }

    @Test
    @DisplayName("A row wider than allowed fails naming the row")
    void tooManyRowColumns() {
        try (RowReader reader = open(utf8("a,b\n1,2\n1,2,3,4,5\n"), FileType.CSV, SMALL)) {
            reader.next();
            assertThatThrownBy(reader::next)
                    .isInstanceOf(FileFormatException.class).hasMessage("row 2: more than 4 columns");
        }
    }

    @Test
    @DisplayName("An oversized CSV cell makes a broken row without the cell, and reading goes on")
    void oversizedCsvCell() {
        List<ParsedRow> rows = readAll(open(utf8("email,note\na@x.io,12345678901\nb@x.io,short\n"), FileType.CSV, SMALL));

        assertThat(rows.get(0).error()).isEqualTo("cell in column note is longer than 10 characters");
        assertThat(rows.get(0).values()).containsEntry("email", "a@x.io").doesNotContainKey("note");
        assertThat(rows.get(1).isBroken()).isFalse();
    }

    @Test
    @DisplayName("JSON obeys the same limits: oversized cell, too many keys, too many rows")
    void jsonLimits() {
        ParsedRow big = readAll(open(utf8("[{\"email\":\"a@x.io\",\"note\":\"12345678901\"}]"), FileType.JSON, SMALL)).get(0);
        assertThat(big.error()).isEqualTo("cell in column note is longer than 10 characters");

        assertThatThrownBy(() -> open(utf8("{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5}"), FileType.JSON, SMALL))
                .isInstanceOf(FileFormatException.class).hasMessage("row 1: more than 4 columns");

        assertThatThrownBy(() -> readAll(open(utf8("{}\n{}\n{}\n{}\n"), FileType.JSON, SMALL)))
                .isInstanceOf(FileFormatException.class).hasMessage("the file has more than 3 rows");
    }

    @Test
    @DisplayName("An unclosed quote swallowing megabytes fails the file instead of filling the heap")
    void runawayQuote() {
        byte[] start = utf8("email,note\na@x.io,\"never closed ");
        byte[] rest = new byte[9 << 20];
        java.util.Arrays.fill(rest, (byte) 'x');

        try (RowReader reader = open(Readers.concat(start, rest), FileType.CSV)) {
            assertThatThrownBy(() -> readAll(reader))
                    .isInstanceOf(FileFormatException.class).hasMessageStartingWith("row 1:");
        }
    }
}
