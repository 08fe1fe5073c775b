package io.porter.exports.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Contacts are generated on the fly and the bytes counted and dropped: only streaming fits the test heap. */
@DisplayName("Large exports stream")
class LargeExportStreamingTest {

    private static final int CONTACTS = 100_000;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"csv", "xlsx", "json"})
    @DisplayName("100,000 contacts are written straight to the stream without being kept")
    void hundredThousandContacts(String format) {
        ExportColumns columns = ExportColumns.of(null, true, List.of("plan"), true);
        CountingOutputStream out = new CountingOutputStream();

        try (ExportWriter writer = ExportWriters.create(format, out, true)) {
            writer.start(columns);
            generate(writer::write);
            long bytesBeforeFinish = out.count();
            writer.finish();

            assertThat(bytesBeforeFinish).as("bytes on the stream before finish()")
                    .isGreaterThan(out.count() / 2);
        }
        assertThat(out.count()).isGreaterThan(CONTACTS * 20L);
    }

    private static void generate(Consumer<ExportContact> sink) {
        IntStream.range(0, CONTACTS).mapToObj(ExportFixtures::numbered).forEach(sink);
    }
}
