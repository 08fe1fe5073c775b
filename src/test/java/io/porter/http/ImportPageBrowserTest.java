package io.porter.http;

import io.porter.tenancy.Caller;
import io.porter.testing.Await;
import io.porter.testing.TestDatabase;
import io.porter.testing.TestNode;
import io.porter.testing.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import page in a real headless Chromium, driven by Playwright ({@code src/test/browser}).
 * {@code scripts/test.sh} installs Chromium and playwright-core when they are missing.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The import page: a person uploads a CSV, imports it and watches the bar reach 100% in a browser")
class ImportPageBrowserTest {

    @RegisterExtension
    @Order(1)
    static final TestDatabase db = new TestDatabase();
    @RegisterExtension
    @Order(2)
    static final TestNode node = new TestNode(db);

    private static final Path SCRIPT = Path.of("src/test/browser/import-page.mjs");
    private static final Path PLAYWRIGHT = Path.of("src/test/browser/node_modules/playwright-core");
    private static final int GOOD_ROWS = 20_000;

    @Test
    @DisplayName("upload, suggested mapping, import over the WebSocket to 100%, and the error report download")
    void importsThroughThePage(Vertx vertx, @TempDir Path dir) throws Exception {
        assertThat(PLAYWRIGHT).as("playwright-core is installed by scripts/test.sh (npm ci in src/test/browser)").isDirectory();
        Caller caller = TestNode.newCaller();
        Path csv = dir.resolve("people.csv");
        Files.writeString(csv, peopleCsv(), StandardCharsets.UTF_8);

        JsonObject seen = runPage(caller, csv, dir.resolve("browser.log"));

        assertThat(seen.getInteger("bar")).isEqualTo(100);
        assertThat(seen.getString("percent")).isEqualTo("100%");
        assertThat(seen.getJsonArray("pageErrors")).isEmpty();
        assertThat(seen.getString("message")).isEmpty();
        assertThat(seen.getInteger("mappedColumns")).isEqualTo(3);
        assertThat(seen.getString("counts")).contains(GOOD_ROWS + " created").contains("2 with errors");
        assertThat(seen.getJsonArray("seenPercents").getList()).contains("100%");
        JsonArray report = seen.getJsonArray("reportLines");
        assertThat(report.getString(0)).startsWith("row,field,value,error");
        assertThat(report).hasSize(3);
        assertThat(createdCountOf(vertx, caller)).isEqualTo(GOOD_ROWS);
    }

    private static JsonObject runPage(Caller caller, Path csv, Path log) throws IOException, InterruptedException {
        String base = "http://127.0.0.1:" + node.port();
        Process browser = new ProcessBuilder("node", SCRIPT.toString(), base, Tokens.valid(caller), csv.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = browser.waitFor(150, TimeUnit.SECONDS);
        if (!ended) {
            browser.destroyForcibly();
        }
        List<String> output = Files.readAllLines(log);
        assertThat(ended && browser.exitValue() == 0).as("the browser script succeeded:\n" + String.join("\n", output)).isTrue();
        return new JsonObject(output.get(output.size() - 1));
    }

    private static long createdCountOf(Vertx vertx, Caller caller) {
        HttpResponse<Buffer> page = Await.result(WebClient.create(vertx).get(node.port(), "127.0.0.1", "/api/contacts/import")
                .putHeader("Authorization", "Bearer " + Tokens.valid(caller)).send());
        return page.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getLong("createdCount");
    }

    private static String peopleCsv() {
        StringBuilder csv = new StringBuilder("Email,First Name,Last Name\n");
        for (int i = 0; i < GOOD_ROWS; i++) {
            csv.append("visitor").append(i).append("@example.org,Visitor,Number ").append(i).append('\n');
        }
        csv.append("not-an-email,Broken,Row\n");
        csv.append("also wrong,Broken,Again\n");
        return csv.toString();
    }
}
