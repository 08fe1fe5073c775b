package io.porter.imports.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import io.porter.imports.ParsedRow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Streaming a large CSV")
class LargeCsvStreamingTest {

    private static final int ROWS = 200_000;

    @Test
    @DisplayName("200,000 generated rows stream through the reader one at a time, counted exactly")
    void streamsWithoutHoldingTheFile() {
        long count = 0;
        ParsedRow last = null;
        try (RowReader reader = RowReaders.open(new GeneratedCsv(ROWS), FileType.CSV, ParseLimits.DEFAULTS, null)) {
            ParsedRow row;
            while ((row = reader.next()) != null) {
                count++;
                last = row;
            }
            assertThat(reader.bytesRead()).isEqualTo(GeneratedCsv.size(ROWS));
        }

        assertThat(count).isEqualTo(ROWS);
        assertThat(last.rowNumber()).isEqualTo(ROWS);
        assertThat(last.isBroken()).isFalse();
        assertThat(last.values())
                .containsEntry("email", "user200000@example.com")
                .containsEntry("last_name", "Last, 200000");
    }
}
