package io.porter.imports;

import io.porter.testing.TestDatabase;
import io.porter.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Import limits are settings: past them the import fails or the row is an error, with a clear message")
class ImportLimitsApiTest {

    @RegisterExtension
    @Order(1)
    static final TestDatabase db = new TestDatabase();
    @RegisterExtension
    @Order(2)
    static final TestNode node = new TestNode(db)
            .with("PORTER_IMPORT_MAX_ROWS", 3)
            .with("PORTER_IMPORT_MAX_CELL_CHARS", 20);

    @Test
    @DisplayName("A file with more rows than PORTER_IMPORT_MAX_ROWS fails the import, naming the limit")
    void tooManyRows(Vertx vertx) {
        ApiClient api = new ApiClient(vertx, node, TestNode.newCaller());
        JsonObject job = api.importFile("four.csv", bytes("email\na@x.co\nb@x.co\nc@x.co\nd@x.co\n"), new JsonObject());

        assertThat(job.getString("status")).isEqualTo("failed");
        assertThat(job.getJsonArray("errors").getJsonObject(0).getString("error")).contains("3");
    }

    @Test
    @DisplayName("A cell longer than PORTER_IMPORT_MAX_CELL_CHARS is a row error; the other rows import")
    void longCell(Vertx vertx) {
        ApiClient api = new ApiClient(vertx, node, TestNode.newCaller());
        JsonObject job = api.importFile("long.csv",
                bytes("email,first_name\na@x.co,Ann\nb@x.co," + "B".repeat(30) + "\n"), new JsonObject());

        assertThat(job.getString("status")).isEqualTo("completed");
        assertThat(job.getInteger("createdCount")).isEqualTo(1);
        assertThat(job.getInteger("errorCount")).isEqualTo(1);
        assertThat(job.getJsonArray("errors").getJsonObject(0).getInteger("row")).isEqualTo(2);
        assertThat(job.getJsonArray("errors").getJsonObject(0).getString("error")).contains("20");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
