package io.porter.exports;

import com.fasterxml.jackson.core.JsonFactory;
import io.porter.jobs.Addresses;
import io.porter.tenancy.Caller;
import io.porter.testing.Await;
import io.porter.testing.BusRecorder;
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
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.simpleflatmapper.csv.CsvParser;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Exports over the API: files read back by independent readers equal the data; links are signed")
class ExportApiTest {

    @RegisterExtension
    @Order(1)
    static final TestDatabase db = new TestDatabase();
    @RegisterExtension
    @Order(2)
    // every whole-tenant CSV export here is read as two COPYs at once (CsvCopyParts), the path of big tenants;
    // CsvCopyExportTest holds one COPY and two to the row writer's bytes
    static final TestNode node = new TestNode(db).with("PORTER_EXPORT_COPY_SPLIT_CONTACTS", 1);

    private static final Caller tenant = TestNode.newCaller();
    private static WebClient client;

    private static final String CONTACTS = """
            email,first_name,last_name,company,phone,customFields.plan
            ann@example.com,Ann,Lee,Acme,+14155550123,gold
            bob@example.com,=SUM(A1),Berg,"Berg, Inc.",,silver
            cid@example.com,Cid,Zoë,,,
            """;

    @BeforeAll
    static void seed(Vertx vertx) {
        client = WebClient.create(vertx);
        String fileUrl = Await.result(client.post(node.port(), "127.0.0.1", "/api/uploads").addQueryParam("fileName", "c.csv")
                .putHeader("Authorization", bearer(tenant)).sendBuffer(Buffer.buffer(CONTACTS))).bodyAsJsonObject().getString("fileUrl");
        String jobId = post(tenant, "/api/contacts/import", new JsonObject().put("fileName", "c.csv").put("fileUrl", fileUrl)
                .put("options", new JsonObject().put("tags", new JsonArray().add("vip")).put("segmentName", "Fair")))
                .bodyAsJsonObject().getString("jobId");
        awaitStatus("/api/contacts/import/" + jobId, tenant, Set.of("completed"));
        db.count("INSERT INTO contact_engagement (contact_id, emails_sent, emails_opened, emails_clicked) "
                + "SELECT id, 10, 4, 1 FROM contacts WHERE email = 'ann@example.com' RETURNING 1");
    }

    @Test
    @DisplayName("A full CSV export equals the contacts, with formula-like cells escaped by default")
    void fullCsv() throws IOException {
        String csv = download(export(new JsonObject().put("format", "csv")
                .put("selectedFields", new JsonArray().add("email").add("firstName").add("company").add("tags")
                        .add("customFields.plan"))));

        List<String[]> rows = new ArrayList<>();
        CsvParser.reader(new StringReader(csv)).forEach(rows::add);
        assertThat(rows.get(0)).containsExactly("email", "firstName", "company", "tags", "customFields.plan");
        assertThat(rows).hasSize(4);
        assertThat(rows.subList(1, 4)).anySatisfy(r -> assertThat(r).containsExactly("ann@example.com", "Ann", "Acme", "vip", "gold"));
        assertThat(rows.subList(1, 4)).anySatisfy(r -> assertThat(r).containsExactly("bob@example.com", "'=SUM(A1)", "Berg, Inc.", "vip", "silver"));
    }

    @Test
    @DisplayName("Each format of a full export, read back independently, equals the database row for row")
    void everyFormatEqualsTheDatabase() throws IOException {
        JsonObject request = new JsonObject().put("csvSafe", false).put("includeCustomFields", true)
                .put("includeEngagementMetrics", true)
                .put("selectedFields", new JsonArray().add("email").add("firstName").add("lastName").add("company")
                        .add("phone").add("tags"));
        List<String> expected = databaseRows();

        String csv = download(export(request.copy().put("format", "csv")));
        List<String[]> csvRows = new ArrayList<>();
        CsvParser.reader(new StringReader(csv)).forEach(csvRows::add);
        assertThat(csvRows.get(0)).containsExactly("email", "firstName", "lastName", "company", "phone", "tags",
                "customFields.plan", "emailsSent", "emailsOpened", "emailsClicked", "lastOpenedAt", "lastClickedAt");
        assertThat(csvRows.subList(1, csvRows.size()).stream().map(r -> String.join("|", java.util.Arrays.copyOf(r, 8))).toList())
                .containsExactlyInAnyOrderElementsOf(expected);

        JsonArray json = new JsonArray(download(export(request.copy().put("format", "json"))));
        assertThat(json.stream().map(o -> (JsonObject) o).map(o -> String.join("|", text(o.getString("email")),
                text(o.getString("firstName")), text(o.getString("lastName")), text(o.getString("company")),
                text(o.getString("phone")), String.join(";", o.getJsonArray("tags").stream().map(String::valueOf).toList()),
                text(o.getJsonObject("customFields").getString("plan")), String.valueOf(o.getValue("emailsSent")))).toList())
                .containsExactlyInAnyOrderElementsOf(expected);

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(downloadBytes(export(request.copy().put("format", "xlsx")))))) {
            Sheet sheet = workbook.getSheetAt(0);
            org.apache.poi.ss.usermodel.DataFormatter cells = new org.apache.poi.ss.usermodel.DataFormatter();
            List<String> rows = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                List<String> values = new ArrayList<>();
                for (int c = 0; c < 8; c++) {
                    values.add(cells.formatCellValue(sheet.getRow(r).getCell(c)));
                }
                rows.add(String.join("|", values));
            }
            assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** email|firstName|lastName|company|phone|tags|plan|emailsSent of every contact, straight from the tables. */
    private static List<String> databaseRows() {
        List<String> rows = new ArrayList<>();
        try (var c = java.sql.DriverManager.getConnection(db.url().jdbcUrl(), db.url().user(), db.url().password());
             var ps = c.prepareStatement("""
                     SELECT c.email, c.first_name, c.last_name, c.company, c.phone,
                            coalesce((SELECT string_agg(t.name, ';' ORDER BY t.name) FROM contact_tags ct
                                      JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id), ''),
                            c.custom_fields ->> 'plan', coalesce(e.emails_sent, 0)
                     FROM contacts c LEFT JOIN contact_engagement e ON e.contact_id = c.id
                     WHERE c.tenant_id = ?""")) {
            ps.setObject(1, tenant.tenantId());
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= 8; i++) {
                        values.add(text(rs.getString(i)));
                    }
                    rows.add(String.join("|", values));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(rows).hasSize(3);
        return rows;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    @Test
    @DisplayName("csvSafe false gives raw values for machine round trips")
    void rawCsv() throws IOException {
        String csv = download(export(new JsonObject().put("format", "csv").put("csvSafe", false)
                .put("filters", new JsonObject().put("field", "email").put("op", "eq").put("value", "BOB@example.com"))));
        List<String[]> rows = new ArrayList<>();
        CsvParser.reader(new StringReader(csv)).forEach(rows::add);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)[1]).isEqualTo("=SUM(A1)");
    }

    @Test
    @DisplayName("A filtered JSON export holds exactly the matching contacts with nested customFields, tags and metrics")
    void filteredJson() throws IOException {
        JsonObject filters = new JsonObject().put("or", new JsonArray()
                .add(new JsonObject().put("field", "customFields.plan").put("op", "eq").put("value", "GOLD"))
                .add(new JsonObject().put("field", "lastName").put("op", "startsWith").put("value", "zo")));
        String json = download(export(new JsonObject().put("format", "json").put("filters", filters)
                .put("includeCustomFields", true).put("includeEngagementMetrics", true)));

        JsonArray contacts = new JsonArray(json);
        assertThat(contacts).hasSize(2);
        JsonObject ann = contacts.stream().map(c -> (JsonObject) c).filter(c -> "ann@example.com".equals(c.getString("email")))
                .findFirst().orElseThrow();
        assertThat(ann.getJsonObject("customFields").getString("plan")).isEqualTo("gold");
        assertThat(ann.getInteger("emailsSent")).isEqualTo(10);
        assertThat(contacts.stream().map(c -> ((JsonObject) c).getString("email")).toList())
                .containsExactlyInAnyOrder("ann@example.com", "cid@example.com");
        try (var parser = new JsonFactory().createParser(json)) {
            while (parser.nextToken() != null) {
                // an independent streaming parser reads the whole file without error
            }
        }
    }

    @Test
    @DisplayName("A segment XLSX export read by Apache POI has the segment's contacts and real dates")
    void segmentXlsx() throws IOException {
        String segmentId = get(tenant, "/api/segments").bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("id");
        byte[] xlsx = downloadBytes(export(new JsonObject().put("format", "xlsx").put("segmentId", segmentId)
                .put("selectedFields", new JsonArray().add("email").add("phone").add("createdAt"))));

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("email");
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
            List<String> emails = new ArrayList<>();
            for (int r = 1; r <= 3; r++) {
                emails.add(sheet.getRow(r).getCell(0).getStringCellValue());
                assertThat(DateUtil.isCellDateFormatted(sheet.getRow(r).getCell(2))).isTrue();
            }
            assertThat(emails).containsExactlyInAnyOrder("ann@example.com", "bob@example.com", "cid@example.com");
        }
    }

    @Test
    @DisplayName("Bad requests name the problem; SQL in a filter is refused, never run; a foreign segment is a 404")
    void badRequests() {
        Caller other = TestNode.newCaller();
        assertThat(post(tenant, "/api/contacts/export", new JsonObject().put("format", "pdf")).bodyAsJsonObject()
                .getString("message")).contains("pdf");
        HttpResponse<Buffer> badOp = post(tenant, "/api/contacts/export", new JsonObject().put("format", "csv")
                .put("filters", new JsonObject().put("field", "email").put("op", "eq OR 1=1").put("value", "x")));
        assertThat(badOp.statusCode()).isEqualTo(400);
        HttpResponse<Buffer> badField = post(tenant, "/api/contacts/export", new JsonObject().put("format", "csv")
                .put("filters", new JsonObject().put("field", "email; DROP TABLE contacts").put("op", "eq").put("value", "x")));
        assertThat(badField.statusCode()).isEqualTo(400);
        assertThat(post(tenant, "/api/contacts/export", new JsonObject().put("format", "csv")
                .put("selectedFields", new JsonArray().add("fax"))).statusCode()).isEqualTo(400);
        String segmentId = get(tenant, "/api/segments").bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("id");
        assertThat(post(other, "/api/contacts/export", new JsonObject().put("format", "csv").put("segmentId", segmentId))
                .statusCode()).isEqualTo(404);
        assertThat(db.count("SELECT count(*) FROM contacts")).isGreaterThanOrEqualTo(3);
    }

    /** The link with the first character of its signature changed (to another one: a fixed "0" was no change 1 time in 16). */
    private static String tampered(String url) {
        int at = url.indexOf("signature=") + "signature=".length();
        char changed = url.charAt(at) == '0' ? '1' : '0';
        return url.substring(0, at) + changed + url.substring(at + 1);
    }

    @Test
    @DisplayName("A CSV export cut in two parts lists every contact once, in creation order, ties at the cut included")
    void splitCsvKeepsOrder() throws IOException {
        Caller big = TestNode.newCaller();
        // 3,000 contacts over 5 instants: the sampled median is one of them, shared by 600 contacts
        db.count("INSERT INTO tenants (id) VALUES (?) RETURNING 1", big.tenantId());
        db.count("INSERT INTO contacts (tenant_id, email, email_key, first_name, created_at) "
                + "SELECT ?, 'p' || i || '@x.io', 'p' || i || '@x.io', 'P' || i, "
                + "timestamptz '2024-01-01' + (i % 5) * interval '1 day' FROM generate_series(1, 3000) i RETURNING 1",
                big.tenantId());
        HttpResponse<Buffer> accepted = post(big, "/api/contacts/export", new JsonObject().put("format", "csv"));
        String jobId = accepted.bodyAsJsonObject().getString("jobId");
        JsonObject job = awaitStatus("/api/contacts/export/" + jobId, big, Set.of("completed", "failed"));
        assertThat(job.getString("status")).as(job.encode()).isEqualTo("completed");
        String url = get(big, "/api/contacts/export/" + jobId + "/download").bodyAsJsonObject().getString("downloadUrl");
        String csv = Await.result(client.getAbs(url).send()).bodyAsString().substring(1);

        List<String> emails = new ArrayList<>();
        CsvParser.reader(new StringReader(csv)).forEach(row -> emails.add(row[0]));
        List<String> expected = new ArrayList<>(List.of("email"));
        expected.addAll(db.strings("SELECT email FROM contacts WHERE tenant_id = ? ORDER BY created_at, id", big.tenantId()));
        assertThat(emails).hasSize(3001).isEqualTo(expected);
        assertThat(job.getInteger("totalContacts")).isEqualTo(3000);
    }

    @Test
    @DisplayName("A signed link needs no token; a tampered or expired one fails; tenant B gets 404 for A's export")
    void links() {
        String jobId = export(new JsonObject().put("format", "csv"));
        JsonObject link = get(tenant, "/api/contacts/export/" + jobId + "/download").bodyAsJsonObject();
        String url = link.getString("downloadUrl");
        assertThat(Instant.parse(link.getString("expiresAt"))).isBetween(Instant.now(), Instant.now().plus(Duration.ofMinutes(6)));

        assertThat(Await.result(client.getAbs(url).send()).statusCode()).isEqualTo(200);
        assertThat(Await.result(client.getAbs(tampered(url)).send()).statusCode()).isEqualTo(403);
        assertThat(Await.result(client.getAbs(url.replaceAll("expires=\\d+", "expires=9999999999")).send()).statusCode()).isEqualTo(403);
        long past = Instant.now().minusSeconds(60).getEpochSecond();
        String expired = "/downloads/exports/" + jobId + "?tenant=" + tenant.tenantId() + "&expires=" + past
                + "&signature=" + sign(tenant.tenantId() + "|" + jobId + "|" + past);
        assertThat(Await.result(client.get(node.port(), "127.0.0.1", expired).send()).statusCode()).isEqualTo(410);

        Caller other = TestNode.newCaller();
        assertThat(get(other, "/api/contacts/export/" + jobId).statusCode()).isEqualTo(404);
        assertThat(get(other, "/api/contacts/export/" + jobId + "/download").statusCode()).isEqualTo(404);
        assertThat(get(other, "/api/contacts/export").bodyAsJsonObject().getJsonArray("items")).isEmpty();
    }

    @Test
    @DisplayName("A CSV export whose custom fields hold JSON numbers or objects shows them as the other formats do")
    void csvOfNonTextCustomValues() {
        Caller other = TestNode.newCaller();
        assertThat(get(other, "/api/contacts").statusCode()).isEqualTo(200);
        db.count("INSERT INTO contacts (tenant_id, email, email_key, custom_fields) VALUES (?, 'num@example.com', "
                + "'num@example.com', '{\"ratio\": 1.50, \"count\": 3, \"shape\": {\"a\": [1, 2]}}'::jsonb) RETURNING 1",
                other.tenantId());
        HttpResponse<Buffer> accepted = post(other, "/api/contacts/export", new JsonObject().put("format", "csv")
                .put("csvSafe", false).put("includeCustomFields", true).put("selectedFields", new JsonArray().add("email")));
        String jobId = accepted.bodyAsJsonObject().getString("jobId");
        JsonObject job = awaitStatus("/api/contacts/export/" + jobId, other, Set.of("completed", "failed"));
        assertThat(job.getString("status")).as(job.encode()).isEqualTo("completed");
        assertThat(job.getInteger("processedContacts")).isEqualTo(1);
        String url = get(other, "/api/contacts/export/" + jobId + "/download").bodyAsJsonObject().getString("downloadUrl");
        assertThat(Await.result(client.getAbs(url).send()).bodyAsString()).isEqualTo(
                "email,customFields.count,customFields.ratio,customFields.shape\r\n"
                        + "num@example.com,3,1.5,\"{\"\"a\"\":[1,2]}\"\r\n");
    }

    @Test
    @DisplayName("A finished export publishes one completion message with its counts, file size, user and download path")
    void completionMessage() {
        try (BusRecorder completions = BusRecorder.listen(node.porter().vertx(), Addresses.JOBS_COMPLETED)) {
            String jobId = export(new JsonObject().put("format", "csv"));
            // The next export's message is the fence: the bus keeps one sender's order, so nothing more comes for the first.
            String next = export(new JsonObject().put("format", "json"));
            completions.awaitAbout(next, 1, Duration.ofSeconds(10));

            List<JsonObject> messages = completions.about(jobId);
            assertThat(messages).hasSize(1);
            JsonObject message = messages.get(0);
            JsonObject job = get(tenant, "/api/contacts/export/" + jobId).bodyAsJsonObject();
            long contacts = db.count("SELECT count(*) FROM contacts WHERE tenant_id = ?", tenant.tenantId());
            assertThat(message.getString("kind")).isEqualTo("export");
            assertThat(message.getString("status")).isEqualTo("completed");
            assertThat(message.getString("tenantId")).isEqualTo(tenant.tenantId().toString());
            assertThat(message.getString("userId")).isEqualTo(tenant.userId().toString());
            JsonObject counts = message.getJsonObject("counts");
            assertThat(counts.getLong("totalContacts")).isEqualTo(contacts);
            assertThat(counts.getLong("processedContacts")).isEqualTo(contacts);
            assertThat(counts.getLong("fileSize")).isEqualTo(downloadBytes(jobId).length);
            assertThat(message.getString("finishedAt")).isEqualTo(job.getString("completedAt"));
            JsonObject links = message.getJsonObject("links");
            assertThat(links.getString("job")).isEqualTo("/api/contacts/export/" + jobId);
            assertThat(get(tenant, links.getString("download")).bodyAsJsonObject().getString("downloadUrl")).isNotBlank();
        }
    }

    /** The link key as DownloadLinks derives it from the HS256 secret, computed independently. */
    private static String sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(TestNode.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] key = mac.doFinal("porter download links".getBytes(StandardCharsets.UTF_8));
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String export(JsonObject request) {
        HttpResponse<Buffer> accepted = post(tenant, "/api/contacts/export", request);
        assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(202);
        String jobId = accepted.bodyAsJsonObject().getString("jobId");
        JsonObject job = awaitStatus("/api/contacts/export/" + jobId, tenant, Set.of("completed", "failed"));
        assertThat(job.getString("status")).as(job.encode()).isEqualTo("completed");
        assertThat(job.getInteger("processedContacts")).isEqualTo(job.getInteger("totalContacts"));
        return jobId;
    }

    /** The file as text; the BOM that safe CSV files start with (for spreadsheets) is not part of a cell. */
    private static String download(String jobId) {
        String text = new String(downloadBytes(jobId), StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static byte[] downloadBytes(String jobId) {
        String url = get(tenant, "/api/contacts/export/" + jobId + "/download").bodyAsJsonObject().getString("downloadUrl");
        HttpResponse<Buffer> file = Await.result(client.getAbs(url).send());
        assertThat(file.statusCode()).isEqualTo(200);
        return file.body().getBytes();
    }

    private static JsonObject awaitStatus(String path, Caller caller, Set<String> states) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonObject job = null;
        while (System.nanoTime() < deadline) {
            job = get(caller, path).bodyAsJsonObject();
            if (states.contains(job.getString("status"))) {
                return job;
            }
            Await.sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("not reached " + states + ": " + job);
    }

    private static HttpResponse<Buffer> post(Caller caller, String path, JsonObject body) {
        return Await.result(client.post(node.port(), "127.0.0.1", path).putHeader("Authorization", bearer(caller)).sendJsonObject(body));
    }

    private static HttpResponse<Buffer> get(Caller caller, String path) {
        return Await.result(client.get(node.port(), "127.0.0.1", path).putHeader("Authorization", bearer(caller)).send());
    }

    private static String bearer(Caller caller) {
        return "Bearer " + Tokens.valid(caller);
    }
}
