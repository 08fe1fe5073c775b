package io.porter.imports.parsing;

import static io.porter.imports.parsing.Readers.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("File previews")
class PreviewsTest {

    @Test
    @DisplayName("A CSV preview shows encoding, delimiter, headers, the first 20 rows and the exact count of a small file")
    void smallCsv() {
        StringBuilder csv = new StringBuilder("email;name\n");
        for (int i = 1; i <= 100; i++) {
            csv.append("u").append(i).append("@x.io;Name ").append(i).append('\n');
        }
        byte[] content = utf8(csv.toString());

        Preview preview = Previews.read(new ByteArrayInputStream(content), content.length, FileType.CSV, null);

        assertThat(preview.fileType()).isEqualTo(FileType.CSV);
        assertThat(preview.encoding()).isEqualTo("UTF-8");
        assertThat(preview.delimiter()).isEqualTo(";");
        assertThat(preview.headers()).containsExactly("email", "name");
        assertThat(preview.sampleRows()).hasSize(20);
        assertThat(preview.sampleRows().get(0)).containsExactly("u1@x.io", "Name 1");
        assertThat(preview.sampleRows().get(19)).containsExactly("u20@x.io", "Name 20");
        assertThat(preview.estimatedRows()).isEqualTo(100);
    }

    @Test
    @DisplayName("A large CSV's row count is estimated from bytes per row, within 5%")
    void largeCsvEstimate() {
        int rows = 300_000;
        long size = GeneratedCsv.size(rows);

        Preview preview = Previews.read(new GeneratedCsv(rows), size, FileType.CSV, null);

        assertThat(preview.sampleRows()).hasSize(20);
        assertThat(preview.estimatedRows()).isBetween((long) (rows * 0.95), (long) (rows * 1.05));
    }

    @Test
    @DisplayName("A preview of fewer than 20 rows shows them all and counts them exactly; a broken row still shows")
    void fewRows() {
        byte[] content = utf8("email,name\na@x.io,Ann\nb@x.io\n");

        Preview preview = Previews.read(new ByteArrayInputStream(content), content.length, FileType.CSV, null);

        assertThat(preview.sampleRows()).containsExactly(List.of("a@x.io", "Ann"), List.of("b@x.io", ""));
        assertThat(preview.estimatedRows()).isEqualTo(2);
    }

    @Test
    @DisplayName("A JSON preview's headers are the keys of the sampled rows, and rows are aligned with them")
    void json() {
        byte[] content = utf8("{\"email\":\"a@x.io\"}\n{\"email\":\"b@x.io\",\"address\":{\"city\":\"Lyon\"}}\n");

        Preview preview = Previews.read(new ByteArrayInputStream(content), content.length, FileType.JSON, null);

        assertThat(preview.headers()).containsExactly("email", "address.city");
        assertThat(preview.sampleRows()).containsExactly(List.of("a@x.io", ""), List.of("b@x.io", "Lyon"));
        assertThat(preview.delimiter()).isNull();
        assertThat(preview.estimatedRows()).isEqualTo(2);
    }

    @Test
    @DisplayName("An XLSX preview reads the first sheet, with no encoding or delimiter")
    void xlsx() {
        byte[] workbook = ContactsWorkbook.bytes();

        Preview preview = Previews.read(new ByteArrayInputStream(workbook), workbook.length, FileType.XLSX, null);

        assertThat(preview.encoding()).isNull();
        assertThat(preview.delimiter()).isNull();
        assertThat(preview.headers()).startsWith("First Name", "Last Name", "Email");
        assertThat(preview.sampleRows()).hasSize(2);
        assertThat(preview.sampleRows().get(0)).startsWith("Ann", "Lee", "ann@example.com", "Ann Lee", "14155550123");
        assertThat(preview.estimatedRows()).isEqualTo(2);
    }

    @Test
    @DisplayName("A UTF-16LE tab-separated preview names its encoding and delimiter")
    void utf16() {
        byte[] content = "\uFEFFemail\tname\r\na@x.io\tJosé\r\n".getBytes(StandardCharsets.UTF_16LE);

        Preview preview = Previews.read(new ByteArrayInputStream(content), content.length, FileType.CSV, null);

        assertThat(preview.encoding()).isEqualTo("UTF-16LE");
        assertThat(preview.delimiter()).isEqualTo("\t");
        assertThat(preview.sampleRows()).containsExactly(List.of("a@x.io", "José"));
    }

    @Test
    @DisplayName("An unreadable file fails the preview with the reader's message")
    void unreadable() {
        assertThatThrownBy(() -> Previews.read(new ByteArrayInputStream(new byte[0]), 0, FileType.CSV, null))
                .isInstanceOf(FileFormatException.class).hasMessage("the file is empty");
    }

    @Test
    @DisplayName("Malformed JSON past the sample does not fail the preview")
    void malformedPastSample() {
        StringBuilder json = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            json.append("{\"email\":\"u").append(i).append("@x.io\"}\n");
        }
        byte[] content = utf8(json + "{\"email\": oops}\n");

        Preview preview = Previews.read(new ByteArrayInputStream(content), content.length, FileType.JSON, null);

        assertThat(preview.sampleRows()).hasSize(20);
        assertThat(preview.estimatedRows()).isEqualTo(30);
    }
}
