package io.porter.exports;

import io.porter.exports.files.ExportColumns;
import io.porter.exports.files.ExportWriter;
import io.porter.exports.files.ExportWriters;
import io.porter.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static io.porter.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
@DisplayName("CSV exports written by PostgreSQL's COPY equal, byte for byte, what the row-by-row CSV writer makes")
class CsvCopyExportTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final UUID TENANT = UUID.fromString("cccccccc-0000-0000-0000-000000000001");
    private static final UUID OTHER_TENANT = UUID.fromString("cccccccc-0000-0000-0000-000000000002");
    private static final UUID SEGMENT = UUID.fromString("cccccccc-0000-0000-0000-0000000000aa");
    private static final List<String> ALL_FIELDS = List.of(
            "email", "firstName", "lastName", "company", "phone", "tags", "createdAt", "updatedAt");
    private static final List<String> TEXT_KEYS = List.of("plan", "score", "vip", "note", "blank", "nothing");

    // Cells a spreadsheet would run, plain numbers that must stay as they are, quotes, commas, line breaks
    // inside cells, empty text next to NULL, several scripts, date fractions of 0, 3 and 6 digits, a year past
    // 9999 and one BC, JSON strings, integers, booleans and nulls in custom fields, and another tenant.
    private static final String SEED = """
            INSERT INTO tenants (id) VALUES ('%1$s'), ('%2$s');
            INSERT INTO contacts (tenant_id, email, first_name, last_name, company, phone, custom_fields,
                                  created_at, updated_at)
            VALUES
              ('%1$s', 'Ann@Example.com', '=SUM(A1)', '+cmd', '-2+3', '+14155550123',
               '{"plan": "@gold", "score": 7, "vip": true, "note": "two\\nlines, \\"quoted\\"", "blank": "", "nothing": null}',
               '2024-01-10T10:00:00.123Z', '2024-06-01T00:00:00.123456Z'),
              ('%1$s', 'bob@example.com', '', NULL, 'Berg, "Inc."', '-12.5',
               '{"plan": "=1+1", "score": -3, "vip": false, "note": "+1,5"}',
               '2024-01-10T10:00:00.123Z', '2024-02-01T00:00:00Z'),
              ('%1$s', 'cid@example.com', E'\\tTabbed', E'\\rReturn', E'multi\\r\\nline', '@handle',
               '{"plan": "12345678901234567890", "score": 12345678901234567890, "note": "'' OR 1=1 --"}',
               '2024-03-15T12:00:00.5Z', '2024-03-15T12:00:00.000001Z'),
              ('%1$s', 'dan@example.com', 'Дмитрий', 'Παπαδόπουλος', '株式会社テスト', NULL, '{}',
               '2024-03-16T00:00:00Z', '2024-03-16T00:00:00Z'),
              ('%1$s', 'eve@example.com', 'فاطمة', 'O''Brien', ' spaced ', '=HYPERLINK("x")',
               '{"plan": "free"}', '2024-03-17T00:00:00Z', '2024-03-17T00:00:00Z'),
              ('%1$s', 'fay@example.com', '-', '+1.', '-.5', '+1,50', '{"plan": "--", "note": "\\\\."}',
               '2024-03-18T00:00:00Z', '2024-03-18T00:00:00Z'),
              ('%2$s', 'ann@example.com', 'Other', 'Tenant', 'Elsewhere', NULL, '{"plan": "secret"}',
               '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');
            UPDATE contacts SET email_key = lower(email);
            INSERT INTO contact_engagement (contact_id, emails_sent, emails_opened, emails_clicked, last_opened_at, last_clicked_at)
            SELECT id, 12, 0, 2147483647, '10000-01-01T00:00:00Z', '0044-03-15 12:00:00.25+00 BC'
            FROM contacts WHERE email = 'Ann@Example.com';
            INSERT INTO contact_engagement (contact_id, emails_sent, emails_opened, emails_clicked, last_opened_at)
            SELECT id, 3, 1, 0, '2024-05-05T05:05:05.050Z' FROM contacts WHERE email = 'cid@example.com';
            INSERT INTO tags (tenant_id, name) VALUES ('%1$s', 'vip'), ('%1$s', 'Newsletter'), ('%1$s', '=evil'),
                                                      ('%2$s', 'vip');
            INSERT INTO contact_tags (contact_id, tag_id)
            SELECT c.id, t.id FROM contacts c JOIN tags t ON t.tenant_id = c.tenant_id
            WHERE (c.email, t.name) IN (('Ann@Example.com', 'vip'), ('Ann@Example.com', 'Newsletter'),
                                        ('bob@example.com', '=evil'), ('cid@example.com', 'vip'),
                                        ('ann@example.com', 'vip'));
            INSERT INTO segments (id, tenant_id, name) VALUES ('%3$s', '%1$s', 'Some');
            INSERT INTO segment_contacts (segment_id, contact_id)
            SELECT '%3$s', id FROM contacts WHERE tenant_id = '%1$s' AND email IN ('bob@example.com', 'dan@example.com');
            """;

    private static Pool pool;

    @BeforeAll
    static void seed(Vertx vertx) {
        pool = db.pool(vertx);
        result(pool.query(SEED.formatted(TENANT, OTHER_TENANT, SEGMENT)).execute());
    }

    @Test
    @DisplayName("The default columns, spreadsheet-safe: byte order mark, escaped formulas, plain numbers left alone")
    void defaultColumns() throws Exception {
        String csv = sameFromBoth(ContactSelection.of(TENANT, null, null), columns(null, false, false), true, 6);
        assertThat(csv).startsWith("\uFEFFemail,firstName,lastName,company,phone\r\n")
                .contains("Ann@Example.com,'=SUM(A1),'+cmd,'-2+3,+14155550123\r\n")
                .contains("bob@example.com,,,\"Berg, \"\"Inc.\"\"\",-12.5\r\n")
                .contains("\"multi\r\nline\"")
                .contains("fay@example.com,'-,'+1.,'-.5,\"+1,50\"\r\n")
                .doesNotContain("Other");
    }

    @Test
    @DisplayName("Every field, custom fields and engagement, safe and raw: tags, dates, counts and JSON values alike")
    void everyColumn() throws Exception {
        ExportColumns columns = columns(ALL_FIELDS, true, true);
        String safe = sameFromBoth(ContactSelection.of(TENANT, null, null), columns, true, 6);
        assertThat(safe).contains("Newsletter;vip", "'=evil", "2024-01-10T10:00:00.123Z", "2024-06-01T00:00:00.123456Z",
                "2024-03-15T12:00:00.500Z", "+10000-01-01T00:00:00Z", "-0043-03-15T12:00:00.250Z", "2147483647",
                "'@gold", "true", "false", "12345678901234567890", "\"two\nlines, \"\"quoted\"\"\"", "\"+1,5\"");
        String raw = sameFromBoth(ContactSelection.of(TENANT, null, null), columns, false, 6);
        assertThat(raw).doesNotStartWith("\uFEFF").contains(",=SUM(A1),", ",\tTabbed,").doesNotContain("'=");
    }

    @Test
    @DisplayName("A filter and a segment select the same contacts as the row path, in the same order")
    void filtersAndSegments() throws Exception {
        JsonObject filter = new JsonObject().put("or", new JsonArray()
                .add(new JsonObject().put("field", "tags").put("op", "contains").put("value", "VIP"))
                .add(new JsonObject().put("and", new JsonArray()
                        .add(new JsonObject().put("field", "createdAt").put("op", "gte").put("value", "2024-03-16"))
                        .add(new JsonObject().put("field", "customFields.plan").put("op", "in")
                                .put("value", new JsonArray().add("FREE").add("pro"))))));
        String filtered = sameFromBoth(ContactSelection.of(TENANT, null, filter), columns(ALL_FIELDS, true, true), true, 3);
        assertThat(filtered).contains("Ann@Example.com", "cid@example.com", "eve@example.com").doesNotContain("bob@", "dan@", "fay@");
        String segment = sameFromBoth(ContactSelection.of(TENANT, SEGMENT, null), columns(null, false, false), true, 2);
        assertThat(segment).contains("bob@example.com", "dan@example.com").doesNotContain("Ann@");
        JsonObject dates = new JsonObject().put("field", "updatedAt").put("op", "in").put("value",
                new JsonArray().add("2024-06-01T00:00:00.123456Z").add("2024-03-16"));
        assertThat(sameFromBoth(ContactSelection.of(TENANT, null, dates), columns(null, false, false), true, 2))
                .contains("Ann@Example.com", "dan@example.com");
    }

    @Test
    @DisplayName("A one-column file keeps a lone \\. unquoted, as the row writer does (COPY quotes its end marker)")
    void oneColumn() throws Exception {
        result(pool.query("INSERT INTO contacts (tenant_id, email, created_at) VALUES ('" + OTHER_TENANT
                + "', '\\.', '2030-01-01T00:00:00Z')").execute());
        String csv = sameFromBoth(ContactSelection.of(OTHER_TENANT, null, null), columns(List.of("email"), false, false),
                true, 2);
        assertThat(csv).endsWith("\r\n\\.\r\n");
    }

    @Test
    @DisplayName("A custom decimal, object or array (the JSON reader renders them otherwise) sends the export to the row writer")
    void customValueShapes() throws Exception {
        UUID tenant = UUID.randomUUID();
        result(pool.query("INSERT INTO tenants (id) VALUES ('" + tenant + "');"
                + "INSERT INTO contacts (tenant_id, email, custom_fields) VALUES ('" + tenant + "', 'a@x.io', "
                + "'{\"text\": \"1.50\", \"int\": 3, \"flag\": true, \"none\": null, \"ratio\": 1.50, "
                + "\"nested\": {\"a\": 1}, \"list\": [1]}')").execute());
        ContactSelection selection = ContactSelection.of(tenant, null, null);
        for (String key : List.of("ratio", "nested", "list")) {
            ExportColumns columns = ExportColumns.of(List.of("email", "customFields." + key), false, List.of(), false);
            assertThatThrownBy(() -> CsvCopyWriter.copy(db.url(), CsvCopyQuery.of(selection, columns), true,
                    new ByteArrayOutputStream(), n -> { }, () -> false)).isInstanceOf(CsvCopyWriter.NeedsRowWriter.class);
        }
        ExportColumns textLike = ExportColumns.of(null, true, List.of("text", "int", "flag", "none"), false);
        assertThat(sameFromBoth(selection, textLike, true, 1)).endsWith("a@x.io,,,,,1.50,3,true,\r\n");
    }

    @Test
    @DisplayName("A stop request cancels the COPY after at most a thousand more rows and frees the connection")
    void stopCancels() {
        UUID tenant = UUID.randomUUID();
        result(pool.query("INSERT INTO tenants (id) VALUES ('" + tenant + "');"
                + "INSERT INTO contacts (tenant_id, email) SELECT '" + tenant + "', 'c' || i || '@x.io' "
                + "FROM generate_series(1, 5000) i").execute());
        ContactSelection selection = ContactSelection.of(tenant, null, null);
        ExportColumns columns = columns(null, false, false);
        long[] told = {0};
        assertThatThrownBy(() -> CsvCopyWriter.copy(db.url(), CsvCopyQuery.of(selection, columns), true,
                new ByteArrayOutputStream(), n -> told[0] = n, () -> told[0] >= 2000))
                .isInstanceOf(CsvCopyWriter.Stopped.class);
        assertThat(told[0]).isEqualTo(2000);
        assertThat(db.count("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY (SELECT%' AND datname = ?",
                db.url().database())).isZero();
    }

    @Test
    @DisplayName("Cut in two parts at a sampled created_at and read at once, a whole tenant gives the row writer's bytes")
    void twoParts() throws Exception {
        UUID tenant = UUID.randomUUID();
        // 2,000 contacts over 4 instants, so the cut falls on an instant 500 contacts share; tags and formulas too
        result(pool.query("INSERT INTO tenants (id) VALUES ('" + tenant + "');"
                + "INSERT INTO contacts (tenant_id, email, email_key, first_name, company, created_at) SELECT '" + tenant
                + "', 'p' || i || '@x.io', 'p' || i || '@x.io', CASE WHEN i % 7 = 0 THEN '=' || i END, 'Co, ' || i, "
                + "timestamptz '2024-01-01' + (i % 4) * interval '1 hour' FROM generate_series(1, 2000) i;"
                + "INSERT INTO tags (tenant_id, name) VALUES ('" + tenant + "', 'vip');"
                + "INSERT INTO contact_tags (contact_id, tag_id) SELECT c.id, t.id FROM contacts c, tags t "
                + "WHERE c.tenant_id = '" + tenant + "' AND t.tenant_id = c.tenant_id AND c.email LIKE '%5@x.io'").execute());
        ContactSelection selection = ContactSelection.of(tenant, null, null);
        ExportColumns columns = columns(ALL_FIELDS, true, false);

        ByteArrayOutputStream byParts = new ByteArrayOutputStream();
        byParts.write(ExportWriters.csvHeader(columns, true));
        long[] copied = new long[2];
        try (CsvCopyParts parts = CsvCopyParts.open(db.url(), selection, columns, 1)) {
            assertThat(parts.size()).isEqualTo(2);
            for (int part = 0; part < 2; part++) {
                copied[part] = parts.copy(part, true, byParts, n -> { }, () -> false);
            }
        }

        assertThat(byParts.toString(StandardCharsets.UTF_8)).isEqualTo(sameFromBoth(selection, columns, true, 2000));
        assertThat(copied[0] + copied[1]).isEqualTo(2000);
        assertThat(copied[0]).isBetween(500L, 1500L);
        try (CsvCopyParts whole = CsvCopyParts.open(db.url(), selection, columns, 1_000_000)) {
            assertThat(whole.size()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("Filtered and segment exports are never cut: their order may not start with created_at's index")
    void filteredNotCut() throws Exception {
        JsonObject filter = new JsonObject().put("field", "email").put("op", "contains").put("value", "example");
        for (ContactSelection selection : List.of(ContactSelection.of(TENANT, null, filter),
                ContactSelection.of(TENANT, SEGMENT, null))) {
            try (CsvCopyParts parts = CsvCopyParts.open(db.url(), selection, columns(null, false, false), 1)) {
                assertThat(parts.size()).isEqualTo(1);
            }
        }
    }

    private static ExportColumns columns(List<String> fields, boolean custom, boolean engagement) {
        return ExportColumns.of(fields, custom, TEXT_KEYS, engagement);
    }

    /** The file from both paths; asserts they are equal and hold the expected number of data rows. */
    private static String sameFromBoth(ContactSelection selection, ExportColumns columns, boolean csvSafe, int rows)
            throws Exception {
        ByteArrayOutputStream byRows = new ByteArrayOutputStream();
        try (ExportWriter writer = ExportWriters.create("csv", byRows, csvSafe)) {
            writer.start(columns);
            result(pool.preparedQuery(selection.contacts()).execute(selection.params()))
                    .forEach(row -> writer.write(ExportHandler.toContact(row)));
            writer.finish();
        }
        ByteArrayOutputStream byCopy = new ByteArrayOutputStream();
        byCopy.write(ExportWriters.csvHeader(columns, csvSafe));
        long copied = CsvCopyWriter.copy(db.url(), CsvCopyQuery.of(selection, columns), csvSafe, byCopy,
                n -> { }, () -> false);
        String expected = byRows.toString(StandardCharsets.UTF_8);
        assertThat(byCopy.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(copied).isEqualTo(rows);
        return expected;
    }
}
