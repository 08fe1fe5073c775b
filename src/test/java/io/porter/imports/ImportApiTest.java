package io.porter.imports;

import io.porter.jobs.Addresses;
import io.porter.testing.BusRecorder;
import io.porter.testing.TestDatabase;
import io.porter.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Imports over the API: files become contacts with exact counts, tags, segment, errors and rollback")
class ImportApiTest {

    @RegisterExtension
    @Order(1)
    static final TestDatabase db = new TestDatabase();
    @RegisterExtension
    @Order(2)
    static final TestNode node = new TestNode(db);

    private static final String EXISTING = """
            email,first_name,last_name,company
            ann@example.com,Ann,Old,OldCo
            bob@example.com,Bob,Builder,
            """;
    /** Row 1 matches Ann (other case), rows 2 and 3 share an email, row 4 and 5 are invalid. */
    private static final String OVERLAPPING = """
            email,first_name,last_name,company,phone
            ANN@example.com,Ann,New,,
            cat@example.com,Cat,Cole,CatCo,(415) 555-0123
            cat@example.com,Cathy,,,
            not-an-email,Dan,,,
            dee@example.com,Dee,,,12
            """;

    private ApiClient seeded(Vertx vertx) {
        ApiClient api = new ApiClient(vertx, node, TestNode.newCaller());
        JsonObject seed = api.importFile("existing.csv", bytes(EXISTING), new JsonObject().put("duplicateStrategy", "skip"));
        assertThat(seed.getString("status")).isEqualTo("completed");
        assertThat(seed.getInteger("createdCount")).isEqualTo(2);
        return api;
    }

    @Test
    @DisplayName("skip: an existing contact is left alone, a later in-file duplicate is skipped as 'duplicate of row 2'")
    void skipStrategy(Vertx vertx) {
        ApiClient api = seeded(vertx);
        JsonObject job = api.importFile("overlap.csv", bytes(OVERLAPPING), options("skip"));

        assertCounts(job, 5, 1, 0, 2, 2);
        assertThat(job.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("error")).toList())
                .anyMatch(error -> error.contains("duplicate of row 2"));
        assertThat(api.contactByEmail("ann@example.com").getString("lastName")).isEqualTo("Old");
        JsonObject cat = api.contactByEmail("cat@example.com");
        assertThat(cat.getString("firstName")).isEqualTo("Cat");
        assertThat(cat.getString("phone")).isEqualTo("+14155550123");
        assertThat(api.contacts("tag=vip")).extracting(c -> ((JsonObject) c).getString("email"))
                .containsExactly("cat@example.com");
    }

    @Test
    @DisplayName("update: existing and in-file repeated contacts are updated with non-empty values only")
    void updateStrategy(Vertx vertx) {
        ApiClient api = seeded(vertx);
        JsonObject job = api.importFile("overlap.csv", bytes(OVERLAPPING), options("update"));

        assertCounts(job, 5, 1, 2, 0, 2);
        JsonObject ann = api.contactByEmail("ann@example.com");
        assertThat(ann.getString("lastName")).isEqualTo("New");
        assertThat(ann.getString("company")).isEqualTo("OldCo");
        JsonObject cat = api.contactByEmail("cat@example.com");
        assertThat(cat.getString("firstName")).isEqualTo("Cathy");
        assertThat(cat.getString("lastName")).isEqualTo("Cole");
        assertThat(api.contacts("tag=vip")).extracting(c -> ((JsonObject) c).getString("email"))
                .containsExactlyInAnyOrder("ann@example.com", "cat@example.com");
        assertThat(api.contacts("email=bob@example.com").getJsonObject(0).getJsonArray("tags")).isEmpty();
    }

    @Test
    @DisplayName("create: every valid row creates a contact, repeats linked to the first by duplicateOf")
    void createStrategy(Vertx vertx) {
        ApiClient api = seeded(vertx);
        JsonObject job = api.importFile("overlap.csv", bytes(OVERLAPPING), options("create"));

        assertCounts(job, 5, 3, 0, 0, 2);
        JsonArray cats = api.contacts("email=cat@example.com");
        assertThat(cats).hasSize(2);
        long linked = cats.stream().map(c -> (JsonObject) c).filter(c -> c.getString("duplicateOf") != null).count();
        assertThat(linked).isEqualTo(1);
    }

    @Test
    @DisplayName("The segment holds exactly the created and updated contacts")
    void segment(Vertx vertx) {
        ApiClient api = seeded(vertx);
        api.importFile("overlap.csv", bytes(OVERLAPPING), options("update"));

        JsonObject segment = api.get("/api/segments").bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
        assertThat(segment.getString("name")).isEqualTo("Fair 2026");
        assertThat(segment.getLong("contactCount")).isEqualTo(2);
        assertThat(api.contacts("segmentId=" + segment.getString("id")))
                .extracting(c -> ((JsonObject) c).getString("email"))
                .containsExactlyInAnyOrder("ann@example.com", "cat@example.com");
    }

    @Test
    @DisplayName("The error report lists each bad row with field, value, error and its original columns")
    void errorReport(Vertx vertx) {
        ApiClient api = seeded(vertx);
        JsonObject job = api.importFile("overlap.csv", bytes(OVERLAPPING), options("update"));

        HttpResponse<Buffer> report = api.get("/api/contacts/import/" + job.getString("id") + "/errors");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.getHeader("Content-Type")).startsWith("text/csv");
        List<String> lines = report.bodyAsString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("row,field,value,error,email,first_name,last_name,company,phone");
        assertThat(lines).anyMatch(line -> line.startsWith("4,email,not-an-email,") && line.endsWith(",not-an-email,Dan,,,"));
        assertThat(lines).anyMatch(line -> line.startsWith("5,phone,12,") && line.endsWith(",dee@example.com,Dee,,,12"));
    }

    @Test
    @DisplayName("Rollback deletes created contacts, restores updated ones and removes tags and segment")
    void rollback(Vertx vertx) {
        ApiClient api = seeded(vertx);
        JsonArray before = api.contacts("");
        JsonObject job = api.importFile("overlap.csv", bytes(OVERLAPPING), options("update"));
        assertThat(job.getBoolean("canRollback")).isTrue();

        HttpResponse<Buffer> accepted = api.post("/api/contacts/import/" + job.getString("id") + "/rollback", new JsonObject());
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonObject rolledBack = api.awaitJob(job.getString("id"), Set.of("rolled_back", "failed"));

        assertThat(rolledBack.getString("status")).isEqualTo("rolled_back");
        assertThat(rolledBack.getJsonObject("rollback").getInteger("deleted")).isEqualTo(1);
        assertThat(rolledBack.getJsonObject("rollback").getInteger("restored")).isEqualTo(1);
        assertThat(sortedById(api.contacts(""))).isEqualTo(sortedById(before));
        assertThat(api.contacts("tag=vip")).isEmpty();
        assertThat(api.post("/api/contacts/import/" + job.getString("id") + "/rollback", new JsonObject()).statusCode())
                .isEqualTo(409);
    }

    @Test
    @DisplayName("An import, its rollback and a failed import each publish one completion message with final counts and links")
    void completionMessages(Vertx vertx) {
        ApiClient api = seeded(vertx);
        try (BusRecorder completions = BusRecorder.listen(node.porter().vertx(), Addresses.JOBS_COMPLETED)) {
            JsonObject job = api.importFile("overlap.csv", bytes(OVERLAPPING), options("update"));
            String id = job.getString("id");
            api.post("/api/contacts/import/" + id + "/rollback", new JsonObject());
            api.awaitJob(id, Set.of("rolled_back"));
            // A later job's message is the fence: the bus keeps one sender's order, so nothing more comes for the first.
            JsonObject failed = api.importFile("names.csv", bytes("first_name\nAnn\n"), options("skip"));
            JsonObject failedMessage = completions.awaitAbout(failed.getString("id"), 1, Duration.ofSeconds(10)).get(0);

            List<JsonObject> messages = completions.about(id);
            assertThat(messages).extracting(m -> m.getString("kind")).containsExactly("import", "import.rollback");
            JsonObject imported = messages.get(0);
            assertThat(imported.getString("status")).isEqualTo("completed");
            assertThat(imported.getString("tenantId")).isEqualTo(api.caller().tenantId().toString());
            assertThat(imported.getString("userId")).isEqualTo(api.caller().userId().toString());
            assertThat(imported.getJsonObject("counts").getMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "totalRows", 5, "processedRows", 5, "created", 1, "updated", 2, "skipped", 0, "errors", 2));
            assertThat(imported.getString("finishedAt")).isEqualTo(job.getString("completedAt"));
            JsonObject links = imported.getJsonObject("links");
            assertThat(api.get(links.getString("job")).bodyAsJsonObject().getString("id")).isEqualTo(id);
            assertThat(api.get(links.getString("errors")).bodyAsString()).contains("not-an-email");

            JsonObject rolledBack = messages.get(1);
            assertThat(rolledBack.getString("status")).isEqualTo("rolled_back");
            assertThat(rolledBack.getString("userId")).isEqualTo(api.caller().userId().toString());
            assertThat(rolledBack.getJsonObject("counts").getMap())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("deleted", 1, "restored", 1, "conflicts", 0));
            assertThat(rolledBack.getJsonObject("links").getString("job")).isEqualTo("/api/contacts/import/" + id);

            assertThat(failedMessage.getString("kind")).isEqualTo("import");
            assertThat(failedMessage.getString("status")).isEqualTo("failed");
            assertThat(failedMessage.getString("error")).contains("email");
        }
    }

    @Test
    @DisplayName("A file without an email column fails the job with a clear reason; nothing is written")
    void missingEmailColumn(Vertx vertx) {
        ApiClient api = new ApiClient(vertx, node, TestNode.newCaller());
        JsonObject job = api.importFile("names.csv", bytes("first_name,last_name\nAnn,Lee\n"), options("skip"));

        assertThat(job.getString("status")).isEqualTo("failed");
        assertThat(job.getJsonArray("errors").getJsonObject(0).getInteger("row")).isZero();
        assertThat(job.getJsonArray("errors").getJsonObject(0).getString("error")).contains("email");
        assertThat(api.contacts("")).isEmpty();
    }

    @Test
    @DisplayName("An empty file and a header-only file end cleanly: failed with a reason, or completed with no rows")
    void emptyAndHeaderOnly(Vertx vertx) {
        ApiClient api = new ApiClient(vertx, node, TestNode.newCaller());
        JsonObject empty = api.importFile("empty.csv", new byte[0], options("skip"));
        assertThat(empty.getString("status")).isEqualTo("failed");
        assertThat(empty.getJsonArray("errors").getJsonObject(0).getString("error")).isNotBlank();

        JsonObject headerOnly = api.importFile("header.csv", bytes("email,first_name\n"), options("skip"));
        assertThat(headerOnly.getString("status")).isEqualTo("completed");
        assertThat(headerOnly.getInteger("totalRows")).isZero();
    }

    @Test
    @DisplayName("Bad requests are 400s naming the problem; another tenant's file is a 404; no job is made")
    void badRequests(Vertx vertx) {
        ApiClient owner = new ApiClient(vertx, node, TestNode.newCaller());
        ApiClient other = new ApiClient(vertx, node, TestNode.newCaller());
        String fileUrl = owner.upload("a.csv", bytes("email\na@b.co\n"));

        HttpResponse<Buffer> badStrategy = owner.post("/api/contacts/import", new JsonObject().put("fileName", "a.csv")
                .put("fileUrl", fileUrl).put("options", new JsonObject().put("duplicateStrategy", "merge")));
        assertThat(badStrategy.statusCode()).isEqualTo(400);
        assertThat(badStrategy.bodyAsJsonObject().getString("message")).contains("merge");

        HttpResponse<Buffer> badMapping = owner.post("/api/contacts/import", new JsonObject().put("fileName", "a.csv")
                .put("fileUrl", fileUrl).put("fieldMapping", new JsonObject().put("email", "fax")));
        assertThat(badMapping.statusCode()).isEqualTo(400);
        assertThat(badMapping.bodyAsJsonObject().getString("message")).contains("fax");

        assertThat(other.post("/api/contacts/import", new JsonObject().put("fileName", "a.csv").put("fileUrl", fileUrl))
                .statusCode()).isEqualTo(404);
        assertThat(owner.post("/api/contacts/import", new JsonObject().put("fileName", "a.csv")
                .put("fileUrl", "http://example.com/a.csv")).statusCode()).isEqualTo(400);
        assertThat(owner.get("/api/contacts/import").bodyAsJsonObject().getJsonArray("items")).isEmpty();
    }

    @Test
    @DisplayName("Tenant B cannot read, cancel, roll back or download the errors of tenant A's import")
    void tenantIsolation(Vertx vertx) {
        ApiClient a = seeded(vertx);
        ApiClient b = new ApiClient(vertx, node, TestNode.newCaller());
        JsonObject job = a.importFile("overlap.csv", bytes(OVERLAPPING), options("update"));
        String path = "/api/contacts/import/" + job.getString("id");

        assertThat(b.get(path).statusCode()).isEqualTo(404);
        assertThat(b.get(path + "/errors").statusCode()).isEqualTo(404);
        assertThat(b.post(path + "/cancel", new JsonObject()).statusCode()).isEqualTo(404);
        assertThat(b.post(path + "/rollback", new JsonObject()).statusCode()).isEqualTo(404);
        assertThat(b.get("/api/contacts/import").bodyAsJsonObject().getJsonArray("items")).isEmpty();
        assertThat(a.get(path).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("Preview shows headers, sample rows and a suggested mapping")
    void preview(Vertx vertx) {
        ApiClient api = new ApiClient(vertx, node, TestNode.newCaller());
        String fileUrl = api.upload("people.csv", bytes("E-mail;Given Name;Surname\na@b.co;Ann;Lee\n"));

        JsonObject preview = api.post("/api/contacts/import/preview", new JsonObject().put("fileUrl", fileUrl)).bodyAsJsonObject();

        assertThat(preview.getString("fileType")).isEqualTo("csv");
        assertThat(preview.getString("delimiter")).isEqualTo(";");
        assertThat(preview.getJsonArray("headers")).containsExactly("E-mail", "Given Name", "Surname");
        assertThat(preview.getJsonArray("sampleRows").getJsonArray(0)).containsExactly("a@b.co", "Ann", "Lee");
        assertThat(preview.getJsonObject("suggestedMapping").getMap())
                .containsEntry("E-mail", "email").containsEntry("Given Name", "firstName").containsEntry("Surname", "lastName");
    }

    private static JsonObject options(String strategy) {
        return new JsonObject().put("duplicateStrategy", strategy).put("tags", new JsonArray().add("vip"))
                .put("segmentName", "Fair 2026");
    }

    private static void assertCounts(JsonObject job, int total, int created, int updated, int skipped, int errors) {
        assertThat(job.getString("status")).as(job.encodePrettily()).isEqualTo("completed");
        assertThat(job.getInteger("totalRows")).isEqualTo(total);
        assertThat(job.getInteger("createdCount")).isEqualTo(created);
        assertThat(job.getInteger("updatedCount")).isEqualTo(updated);
        assertThat(job.getInteger("skippedCount")).isEqualTo(skipped);
        assertThat(job.getInteger("errorCount")).isEqualTo(errors);
        assertThat(job.getInteger("importedCount")).isEqualTo(created + updated);
    }

    private static List<JsonObject> sortedById(JsonArray contacts) {
        List<JsonObject> list = new ArrayList<>();
        contacts.forEach(c -> {
            list.add((JsonObject) c);
        });
        list.sort((x, y) -> x.getString("id").compareTo(y.getString("id")));
        return list;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
