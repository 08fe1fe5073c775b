package io.porter.imports;

import io.porter.jobs.Addresses;
import io.porter.testing.Await;
import io.porter.testing.BusRecorder;
import io.porter.testing.TestDatabase;
import io.porter.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Import formats, encodings, bad files, dry runs, cancelling and progress")
class ImportFormatsApiTest {

    @RegisterExtension
    @Order(1)
    static final TestDatabase db = new TestDatabase();
    @RegisterExtension
    @Order(2)
    static final TestNode node = new TestNode(db);

    @Test
    @DisplayName("An XLSX workbook imports with formula values, numeric phones in E.164 and dates as ISO text")
    void xlsx(Vertx vertx) throws IOException {
        ApiClient api = new ApiClient(vertx, node, TestNode.newCaller());
        JsonObject mapping = new JsonObject().put("Email", "email").put("First Name", "firstName")
                .put("Last Name", "lastName").put("Phone", "phone").put("Full Name", "customFields.fullName")
                .put("Birthday", "customFields.birthday").put("Score", "customFields.score");
        String fileUrl = api.upload("contacts.xlsx", resource("/imports/contacts.xlsx"));
        String jobId = api.post("/api/contacts/import", new JsonObject().put("fileName", "contacts.xlsx")
                .put("fileUrl", fileUrl).put("fieldMapping", mapping)).bodyAsJsonObject().getString("jobId");
        JsonObject job = api.awaitJob(jobId, ApiClient.TERMINAL);

        assertThat(job.getString("status")).as(job.encode()).isEqualTo("completed");
        assertThat(job.getString("fileType")).isEqualTo("xlsx");
        assertThat(job.getInteger("createdCount")).isEqualTo(2);
        JsonObject ann = api.contactByEmail("ann@example.com");
        assertThat(ann.getString("phone")).isEqualTo("+14155550123");
        assertThat(ann.getJsonObject("customFields").getMap())
                .containsEntry("fullName", "Ann Lee").containsEntry("birthday", "2024-03-01").containsEntry("score", "3.5");
        JsonObject zoe = api.contactByEmail("zoe@example.com");
        assertThat(zoe.getString("lastName")).isEqualTo("Müller");
        assertThat(zoe.getString("phone")).isEqualTo("+442079460958");
    }

    @Test
    @DisplayName("JSON arrays and NDJSON import, nested objects as dotted custom fields")
    void json(Vertx vertx) {
        ApiClient api = new ApiClient(vertx, node, TestNode.newCaller());
        JsonObject array = api.importFile("people.json", utf8("""
                [{"email": "a@example.com", "firstName": "Ann", "customFields.city": "Oslo"},
                 {"email": "b@example.com", "lastName": "Berg"}]"""), new JsonObject());
        JsonObject ndjson = api.importFile("more.ndjson", utf8("""
                {"email": "c@example.com", "firstName": "Cid"}
                {"email": "d@example.com", "firstName": "Dag"}
                """), new JsonObject());

        assertThat(array.getString("status")).as(array.encode()).isEqualTo("completed");
        assertThat(array.getInteger("createdCount")).isEqualTo(2);
        assertThat(ndjson.getInteger("createdCount")).isEqualTo(2);
        assertThat(api.contactByEmail("a@example.com").getJsonObject("customFields").getString("city")).isEqualTo("Oslo");
        assertThat(api.contactByEmail("d@example.com").getString("firstName")).isEqualTo("Dag");
    }

    @Test
    @DisplayName("UTF-8 with BOM, UTF-16LE tab-separated and Windows-1252 files keep every accented character")
    void encodings(Vertx vertx) {
        ApiClient api = new ApiClient(vertx, node, TestNode.newCaller());
        String utf8Bom = "\uFEFFemail,first_name,last_name\nzoe@example.com,Zoë,Müller\n";
        String utf16 = "\uFEFFemail\tfirst_name\tlast_name\njose@example.com\tJosé\tNúñez\n";
        String cp1252 = "email;first_name;last_name\nrene@example.com;René;Größe\n";

        api.importFile("bom.csv", utf8Bom.getBytes(StandardCharsets.UTF_8), new JsonObject());
        api.importFile("unicode.txt", utf16.getBytes(StandardCharsets.UTF_16LE), new JsonObject());
        api.importFile("excel.csv", cp1252.getBytes(Charset.forName("windows-1252")), new JsonObject());

        assertThat(api.contactByEmail("zoe@example.com").getString("firstName")).isEqualTo("Zoë");
        assertThat(api.contactByEmail("zoe@example.com").getString("lastName")).isEqualTo("Müller");
        assertThat(api.contactByEmail("jose@example.com").getString("lastName")).isEqualTo("Núñez");
        assertThat(api.contactByEmail("rene@example.com").getString("lastName")).isEqualTo("Größe");
    }

    @Test
    @DisplayName("Unreadable files fail the job with a clear reason and write nothing")
    void unreadableFiles(Vertx vertx) {
        ApiClient api = new ApiClient(vertx, node, TestNode.newCaller());
        byte[] corruptXlsx = {'P', 'K', 3, 4, 'n', 'o', 't', ' ', 'a', ' ', 'z', 'i', 'p'};

        JsonObject xlsx = api.importFile("broken.xlsx", corruptXlsx, new JsonObject());
        JsonObject scalar = api.importFile("scalar.json", utf8("42"), new JsonObject());

        assertThat(xlsx.getString("status")).isEqualTo("failed");
        assertThat(reason(xlsx)).contains("XLSX");
        assertThat(scalar.getString("status")).isEqualTo("failed");
        assertThat(reason(scalar)).isNotBlank();
        assertThat(api.contacts("")).isEmpty();
    }

    @Test
    @DisplayName("Malformed rows become row errors naming the row; the rest of the file imports")
    void malformedRows(Vertx vertx) {
        ApiClient api = new ApiClient(vertx, node, TestNode.newCaller());
        String csv = "email,first_name\n"
                + "a@example.com,Ann\n"
                + "b@example.com,Bob,extra\n"
                + "\"c@example.com\",\"Cid, the \"\"Third\"\"\"\n";
        JsonObject job = api.importFile("ragged.csv", utf8(csv), new JsonObject());

        assertThat(job.getString("status")).isEqualTo("completed");
        assertThat(job.getInteger("createdCount")).isEqualTo(2);
        assertThat(job.getInteger("errorCount")).isEqualTo(1);
        assertThat(job.getJsonArray("errors").getJsonObject(0).getInteger("row")).isEqualTo(2);
        assertThat(api.contactByEmail("c@example.com").getString("firstName")).isEqualTo("Cid, the \"Third\"");
    }

    @Test
    @DisplayName("NDJSON that breaks part-way fails the job naming the row; every row before the break is written")
    void breaksAfterABatch(Vertx vertx) {
        ApiClient api = new ApiClient(vertx, node, TestNode.newCaller());
        int wholeBatches = 2;
        int goodRows = ImportVerticle.BATCH_SIZE * wholeBatches + 300;
        StringBuilder ndjson = new StringBuilder();
        for (int i = 1; i <= goodRows; i++) {
            ndjson.append("{\"email\": \"row").append(i).append("@example.com\"}\n");
        }
        ndjson.append("{\"email\": \"broken@example.com\", \n");

        JsonObject job = api.importFile("breaks.ndjson", utf8(ndjson.toString()), new JsonObject());

        assertThat(job.getString("status")).as(job.encode()).isEqualTo("failed");
        assertThat(reason(job)).contains("row " + (goodRows + 1));
        long written = db.count("SELECT count(*) FROM contacts WHERE tenant_id = ?", api.caller().tenantId());
        assertThat(written).isEqualTo(goodRows);
        assertThat(job.getInteger("createdCount")).isEqualTo(goodRows);
        assertThat(job.getInteger("processedRows")).isEqualTo(goodRows);
        assertThat(api.contactByEmail("row" + goodRows + "@example.com")).isNotNull();
        assertThat(job.getBoolean("canRollback")).isTrue();
    }

    @Test
    @DisplayName("A dry run reports the would-be counts and writes nothing; it cannot be rolled back")
    void dryRun(Vertx vertx) {
        ApiClient api = new ApiClient(vertx, node, TestNode.newCaller());
        JsonObject job = api.importFile("dry.csv", utf8("email\na@example.com\na@example.com\nnope\n"),
                new JsonObject().put("dryRun", true).put("tags", new io.vertx.core.json.JsonArray().add("x")));

        assertThat(job.getString("status")).isEqualTo("completed");
        assertThat(job.getInteger("createdCount")).isEqualTo(1);
        assertThat(job.getInteger("skippedCount")).isEqualTo(1);
        assertThat(job.getInteger("errorCount")).isEqualTo(1);
        assertThat(job.getBoolean("canRollback")).isFalse();
        assertThat(api.contacts("")).isEmpty();
        assertThat(db.count("SELECT count(*) FROM tags WHERE tenant_id = ?", api.caller().tenantId())).isZero();
    }

    @Test
    @DisplayName("Progress is published on the bus with growing processedRows, then the terminal state")
    void progress(Vertx vertx) {
        ApiClient api = new ApiClient(vertx, node, TestNode.newCaller());
        List<JsonObject> messages = new CopyOnWriteArrayList<>();
        MessageConsumer<JsonObject> consumer = node.porter().vertx().eventBus()
                .consumer(Addresses.IMPORT_PROGRESS, message -> messages.add(message.body()));
        Await.result(consumer.completion());

        JsonObject job = api.importFile("many.csv", manyRows(30_000), new JsonObject());

        Await.eventually(() -> io.vertx.core.Future.succeededFuture(messages.size()),
                n -> messages.stream().anyMatch(m -> m.getString("jobId").equals(job.getString("id"))
                        && "completed".equals(m.getString("status"))), Duration.ofSeconds(10));
        List<JsonObject> mine = messages.stream().filter(m -> m.getString("jobId").equals(job.getString("id"))).toList();
        JsonObject last = mine.get(mine.size() - 1);
        assertThat(last.getString("status")).isEqualTo("completed");
        assertThat(last.getLong("processedRows")).isEqualTo(30_000);
        assertThat(last.getString("tenantId")).isEqualTo(api.caller().tenantId().toString());
        List<Long> processed = mine.stream().map(m -> m.getLong("processedRows")).toList();
        assertThat(processed).isSorted();
        Await.result(consumer.unregister());
    }

    @Test
    @DisplayName("Cancelling stops the import after the current batch; what was written stays and can be rolled back")
    void cancel(Vertx vertx) {
        ApiClient api = new ApiClient(vertx, node, TestNode.newCaller());
        BusRecorder completions = BusRecorder.listen(node.porter().vertx(), Addresses.JOBS_COMPLETED);
        String fileUrl = api.upload("big.csv", manyRows(200_000));
        String jobId = api.post("/api/contacts/import", new JsonObject().put("fileName", "big.csv").put("fileUrl", fileUrl))
                .bodyAsJsonObject().getString("jobId");
        api.awaitJob(jobId, Set.of("processing"));

        assertThat(api.post("/api/contacts/import/" + jobId + "/cancel", new JsonObject()).statusCode()).isEqualTo(202);
        JsonObject cancelled = api.awaitJob(jobId, Set.of("cancelled"));
        JsonObject completion = completions.awaitAbout(jobId, 1, Duration.ofSeconds(10)).get(0);
        assertThat(completion.getString("status")).isEqualTo("cancelled");
        assertThat(completion.getJsonObject("counts").getInteger("processedRows")).isEqualTo(cancelled.getInteger("processedRows"));
        assertThat(completion.getJsonObject("counts").getInteger("created")).isEqualTo(cancelled.getInteger("createdCount"));
        Await.sleep(Duration.ofSeconds(1));
        long written = db.count("SELECT count(*) FROM contacts WHERE tenant_id = ?", api.caller().tenantId());

        assertThat(written).isLessThan(200_000);
        assertThat(api.get("/api/contacts/import/" + jobId).bodyAsJsonObject().getString("status")).isEqualTo("cancelled");
        assertThat(db.count("SELECT count(*) FROM contacts WHERE tenant_id = ?", api.caller().tenantId())).isEqualTo(written);
        if (written > 0) {
            assertThat(cancelled.getBoolean("canRollback") || api.get("/api/contacts/import/" + jobId).bodyAsJsonObject()
                    .getBoolean("canRollback")).isTrue();
            assertThat(api.post("/api/contacts/import/" + jobId + "/rollback", new JsonObject()).statusCode()).isEqualTo(202);
            assertThat(api.awaitJob(jobId, Set.of("rolled_back")).getString("status")).isEqualTo("rolled_back");
            assertThat(db.count("SELECT count(*) FROM contacts WHERE tenant_id = ?", api.caller().tenantId())).isZero();
            completions.awaitAbout(jobId, 2, Duration.ofSeconds(10));
        }
        assertThat(completions.about(jobId)).extracting(m -> m.getString("status"))
                .containsExactly(written > 0 ? new String[] {"cancelled", "rolled_back"} : new String[] {"cancelled"});
        completions.close();
    }

    private static String reason(JsonObject job) {
        return job.getJsonArray("errors").getJsonObject(0).getString("error");
    }

    private static byte[] manyRows(int rows) {
        StringBuilder csv = new StringBuilder("email,first_name\n");
        for (int i = 0; i < rows; i++) {
            csv.append("p").append(i).append("@example.com,P").append(i).append('\n');
        }
        return utf8(csv.toString());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ImportFormatsApiTest.class.getResourceAsStream(name)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
