package io.porter.exports.filtering;

import io.porter.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.porter.exports.filtering.FilterErrorsTest.and;
import static io.porter.exports.filtering.FilterErrorsTest.condition;
import static io.porter.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class ContactFiltersDatabaseTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static final UUID TENANT_A = UUID.fromString("aaaaaaaa-0000-0000-0000-000000000000");
    private static final UUID TENANT_B = UUID.fromString("bbbbbbbb-0000-0000-0000-000000000000");

    private static final String ANN = "ann@acme.com";
    private static final String BOB = "bob@ACME.com";
    private static final String CAT = "cat@example.org";
    private static final String DAN = "dan@example.org";
    private static final String EVE = "eve@example.net";
    private static final String ZED = "zed@acme.com";

    private static final String SEED = """
            INSERT INTO tenants (id) VALUES ('%1$s'), ('%2$s');
            INSERT INTO contacts (tenant_id, email, first_name, last_name, company, phone, custom_fields, created_at, updated_at)
            VALUES
              ('%1$s', 'ann@acme.com', 'Ann', 'Lee', 'Acme', '+15550001',
               '{"score": 10, "plan": "Gold", "age": "42"}', '2024-01-10T10:00:00Z', '2024-06-01T00:00:00Z'),
              ('%1$s', 'bob@ACME.com', 'Bob', NULL, 'ACME Corp', NULL,
               '{"score": 2.5, "plan": "silver"}', '2024-02-01T00:00:00Z', '2024-02-01T00:00:00Z'),
              ('%1$s', 'cat@example.org', 'Cat', 'Smith', NULL, '',
               '{"score": "n/a", "plan": "x'' OR ''1''=''1"}', '2024-03-15T12:00:00Z', '2024-03-20T00:00:00Z'),
              ('%1$s', 'dan@example.org', 'Dan', NULL, '100%% Pure_Co\\', '+44 20 7946 0000',
               '{"a''--": "quoted", "score": 100, "vip": true}', '2023-12-31T23:59:59Z', '2024-03-20T00:00:00Z'),
              ('%1$s', 'eve@example.net', NULL, NULL, '''); DROP TABLE contacts; --', NULL,
               '{}', '2024-01-10T00:00:00Z', '2024-03-20T00:00:00Z'),
              ('%2$s', 'ann@acme.com', 'Ann', 'Lee', 'Acme', '+15550001',
               '{"score": 10, "plan": "Gold"}', '2024-01-10T10:00:00Z', '2024-06-01T00:00:00Z'),
              ('%2$s', 'zed@acme.com', 'Zed', 'Zed', 'x'' OR ''1''=''1', '',
               '{"a''--": "quoted", "score": 1000, "plan": "Gold"}', '2024-01-10T00:00:00Z', '2024-01-10T00:00:00Z');
            INSERT INTO tags (tenant_id, name) VALUES ('%1$s', 'vip'), ('%1$s', 'Newsletter'), ('%2$s', 'vip'), ('%2$s', 'secret');
            INSERT INTO contact_tags (contact_id, tag_id)
            SELECT c.id, t.id FROM contacts c JOIN tags t ON t.tenant_id = c.tenant_id
            WHERE (c.email, t.name) IN (('ann@acme.com', 'vip'), ('ann@acme.com', 'Newsletter'),
                                        ('bob@ACME.com', 'Newsletter'), ('dan@example.org', 'vip'),
                                        ('zed@acme.com', 'vip'), ('zed@acme.com', 'secret'));
            """;
    private static final String SELECT = "SELECT c.email FROM contacts c WHERE c.tenant_id = $1 AND (%s) ORDER BY c.email";

    private static Pool pool;

    @BeforeAll
    static void seed(Vertx vertx) {
        pool = db.pool(vertx);
        result(pool.query(SEED.formatted(TENANT_A, TENANT_B)).execute());
    }

    @Test
    @DisplayName("eq and neq on text ignore case, and a contact without the field matches neq")
    void textEquality() {
        assertThat(emails(condition("email", "eq", "ANN@ACME.COM"))).containsExactly(ANN);
        assertThat(emails(condition("company", "eq", "acme"))).containsExactly(ANN);
        assertThat(emails(condition("email", "neq", "Ann@Acme.com"))).containsExactly(BOB, CAT, DAN, EVE);
        assertThat(emails(condition("lastName", "neq", "LEE"))).containsExactly(BOB, CAT, DAN, EVE);
    }

    @Test
    @DisplayName("contains, startsWith and in on text ignore case")
    void textMatching() {
        assertThat(emails(condition("company", "contains", "acme"))).containsExactly(ANN, BOB);
        assertThat(emails(condition("email", "contains", "@ACME"))).containsExactly(ANN, BOB);
        assertThat(emails(condition("email", "startsWith", "B"))).containsExactly(BOB);
        assertThat(emails(condition("phone", "startsWith", "+44"))).containsExactly(DAN);
        assertThat(emails(condition("firstName", "in", new JsonArray().add("ann").add("CAT").add("nobody"))))
                .containsExactly(ANN, CAT);
    }

    @Test
    @DisplayName("gt, gte, lt and lte on text compare alphabetically ignoring case, never matching a missing value")
    void textOrdering() {
        assertThat(emails(condition("lastName", "gt", "M"))).containsExactly(CAT);
        assertThat(emails(condition("lastName", "gte", "smith"))).containsExactly(CAT);
        assertThat(emails(condition("lastName", "lt", "M"))).containsExactly(ANN);
        assertThat(emails(condition("lastName", "lte", "LEE"))).containsExactly(ANN);
    }

    @Test
    @DisplayName("exists on text is true for a non-blank value; exists false finds missing and blank values")
    void textExists() {
        assertThat(emails(new JsonObject().put("field", "phone").put("op", "exists"))).containsExactly(ANN, DAN);
        assertThat(emails(condition("phone", "exists", true))).containsExactly(ANN, DAN);
        assertThat(emails(condition("phone", "exists", false))).containsExactly(BOB, CAT, EVE);
        assertThat(emails(condition("firstName", "exists", false))).containsExactly(EVE);
    }

    @Test
    @DisplayName("not matches contacts without the field")
    void notIsNullSafe() {
        assertThat(emails(new JsonObject().put("not", condition("company", "contains", "acme"))))
                .containsExactly(CAT, DAN, EVE);
        assertThat(emails(new JsonObject().put("not", condition("lastName", "eq", "lee"))))
                .containsExactly(BOB, CAT, DAN, EVE);
        assertThat(emails(new JsonObject().put("not", new JsonObject().put("not", condition("lastName", "eq", "lee")))))
                .containsExactly(ANN);
    }

    @Test
    @DisplayName("dates compare as timestamps; a date means its start in UTC, a date-time may carry an offset")
    void dates() {
        assertThat(emails(condition("createdAt", "gte", "2024-01-10"))).containsExactly(ANN, BOB, CAT, EVE);
        assertThat(emails(condition("createdAt", "gt", "2024-01-10"))).containsExactly(ANN, BOB, CAT);
        assertThat(emails(condition("createdAt", "lt", "2024-01-10T10:00:00Z"))).containsExactly(DAN, EVE);
        assertThat(emails(condition("createdAt", "lte", "2024-01-10T10:00:00Z"))).containsExactly(ANN, DAN, EVE);
        assertThat(emails(condition("createdAt", "eq", "2024-01-10"))).containsExactly(EVE);
        assertThat(emails(condition("createdAt", "neq", "2024-01-10"))).containsExactly(ANN, BOB, CAT, DAN);
        assertThat(emails(condition("createdAt", "eq", "2024-01-10T12:00:00+02:00"))).containsExactly(ANN);
        assertThat(emails(condition("createdAt", "eq", "2024-01-10T10:00:00"))).containsExactly(ANN);
        assertThat(emails(condition("createdAt", "in", new JsonArray().add("2024-02-01").add("2023-12-31T23:59:59Z"))))
                .containsExactly(BOB, DAN);
        assertThat(emails(condition("updatedAt", "lt", "2024-03-01"))).containsExactly(BOB);
        assertThat(emails(condition("createdAt", "exists", true))).containsExactly(ANN, BOB, CAT, DAN, EVE);
        assertThat(emails(condition("createdAt", "exists", false))).isEmpty();
    }

    @Test
    @DisplayName("on tags contains means has the tag, in has any of them, exists has any tag, all ignoring case")
    void tags() {
        assertThat(emails(condition("tags", "contains", "VIP"))).containsExactly(ANN, DAN);
        assertThat(emails(condition("tags", "contains", "newsletter"))).containsExactly(ANN, BOB);
        assertThat(emails(condition("tags", "in", new JsonArray().add("NEWSLETTER").add("vip"))))
                .containsExactly(ANN, BOB, DAN);
        assertThat(emails(condition("tags", "exists", true))).containsExactly(ANN, BOB, DAN);
        assertThat(emails(condition("tags", "exists", false))).containsExactly(CAT, EVE);
        assertThat(emails(new JsonObject().put("not", condition("tags", "contains", "vip"))))
                .containsExactly(BOB, CAT, EVE);
    }

    @Test
    @DisplayName("a tag of the other tenant never matches, and each tenant sees only its own tagged contacts")
    void tagsStayInTheirTenant() {
        assertThat(emails(condition("tags", "contains", "secret"))).isEmpty();
        assertThat(emailsOf(TENANT_B, condition("tags", "contains", "secret"))).containsExactly(ZED);
        assertThat(emailsOf(TENANT_B, condition("tags", "contains", "vip"))).containsExactly(ANN, ZED);
    }

    @Test
    @DisplayName("a number compares a custom field numerically, text compares it as text")
    void customFieldNumbers() {
        assertThat(emails(condition("customFields.score", "gt", 5))).containsExactly(ANN, DAN);
        assertThat(emails(condition("customFields.score", "lte", 10))).containsExactly(ANN, BOB);
        assertThat(emails(condition("customFields.score", "gte", 2.5))).containsExactly(ANN, BOB, DAN);
        assertThat(emails(condition("customFields.score", "lt", 3))).containsExactly(BOB);
        assertThat(emails(condition("customFields.score", "eq", 10.0))).containsExactly(ANN);
        assertThat(emails(condition("customFields.score", "neq", 10))).containsExactly(BOB, CAT, DAN, EVE);
        assertThat(emails(condition("customFields.age", "gte", 40))).containsExactly(ANN);
        assertThat(emails(condition("customFields.score", "gt", "5"))).containsExactly(CAT);
    }

    @Test
    @DisplayName("custom fields compare text ignoring case, and a JSON boolean matches true")
    void customFieldText() {
        assertThat(emails(condition("customFields.plan", "eq", "gold"))).containsExactly(ANN);
        assertThat(emails(condition("customFields.plan", "neq", "GOLD"))).containsExactly(BOB, CAT, DAN, EVE);
        assertThat(emails(condition("customFields.plan", "contains", "IL"))).containsExactly(BOB);
        assertThat(emails(condition("customFields.plan", "startsWith", "x'"))).containsExactly(CAT);
        assertThat(emails(condition("customFields.plan", "in", new JsonArray().add("GOLD").add("silver"))))
                .containsExactly(ANN, BOB);
        assertThat(emails(condition("customFields.plan", "exists", true))).containsExactly(ANN, BOB, CAT);
        assertThat(emails(condition("customFields.plan", "exists", false))).containsExactly(DAN, EVE);
        assertThat(emails(condition("customFields.vip", "eq", true))).containsExactly(DAN);
    }

    @Test
    @DisplayName("and, or and not nest, and an or never escapes the tenant")
    void nesting() {
        assertThat(emails(and(condition("company", "contains", "acme"),
                new JsonObject().put("not", condition("tags", "contains", "vip")))))
                .containsExactly(BOB);
        JsonObject either = new JsonObject().put("or", new JsonArray()
                .add(condition("email", "startsWith", "cat"))
                .add(condition("customFields.score", "gt", 50)));
        assertThat(emails(either)).containsExactly(CAT, DAN);
        assertThat(emails(new JsonObject().put("not", either))).containsExactly(ANN, BOB, EVE);
        assertThat(emails(and(either, condition("tags", "exists", true)))).containsExactly(DAN);
        assertThat(emailsOf(TENANT_B, either)).containsExactly(ZED);
    }

    @Test
    @DisplayName("SQL in values is just text: it finds the contact holding it and nothing else, and drops nothing")
    void injectionThroughValues() {
        assertThat(emails(condition("company", "eq", "'); DROP TABLE contacts; --"))).containsExactly(EVE);
        assertThat(emails(condition("customFields.plan", "eq", "x' OR '1'='1"))).containsExactly(CAT);
        assertThat(emails(condition("email", "eq", "x' OR '1'='1"))).isEmpty();
        assertThat(emails(condition("email", "in", new JsonArray().add("x' OR '1'='1").add("') OR TRUE --"))))
                .isEmpty();
        assertThatThrownBy(() -> emails(condition("createdAt", "lt", "2024-01-01' OR '1'='1")))
                .isInstanceOf(FilterException.class);
        assertThat(db.count("SELECT count(*) FROM contacts")).isEqualTo(7);
    }

    @Test
    @DisplayName("%, _ and \\ in contains and startsWith are plain characters, not patterns")
    void wildcardsAreLiteral() {
        assertThat(emails(condition("company", "contains", "%"))).containsExactly(DAN);
        assertThat(emails(condition("company", "contains", "_"))).containsExactly(DAN);
        assertThat(emails(condition("company", "contains", "\\"))).containsExactly(DAN);
        assertThat(emails(condition("company", "startsWith", "100%"))).containsExactly(DAN);
        assertThat(emails(condition("company", "startsWith", "%"))).isEmpty();
        assertThat(emails(condition("company", "startsWith", "_"))).isEmpty();
        assertThat(emails(condition("email", "contains", "%"))).isEmpty();
    }

    @Test
    @DisplayName("a custom field key with quotes is a parameter: it finds the right contacts of the tenant only")
    void injectionThroughCustomKeys() {
        assertThat(emails(condition("customFields.a'--", "eq", "quoted"))).containsExactly(DAN);
        assertThat(emails(condition("customFields.') OR TRUE --", "exists", true))).isEmpty();
        assertThat(emailsOf(TENANT_B, condition("customFields.a'--", "eq", "quoted"))).containsExactly(ZED);
    }

    @Test
    @DisplayName("SQL in a field or an operator is refused before any query runs")
    void injectionThroughFieldsAndOperators() {
        assertThatThrownBy(() -> emails(condition("email; DROP TABLE x", "eq", "a")))
                .isInstanceOf(FilterException.class).hasMessageContaining("unknown field");
        assertThatThrownBy(() -> emails(condition("email", "eq OR 1=1", "a")))
                .isInstanceOf(FilterException.class).hasMessageContaining("unknown operator");
        assertThat(db.count("SELECT count(*) FROM contacts")).isEqualTo(7);
    }

    @Test
    @DisplayName("no filter selects all the tenant's contacts and none of the other's")
    void noFilter() {
        assertThat(rows(TENANT_A, ContactFilters.all())).containsExactly(ANN, BOB, CAT, DAN, EVE);
        assertThat(rows(TENANT_B, ContactFilters.all())).containsExactly(ANN, ZED);
    }

    private static List<String> emails(JsonObject filter) {
        return emailsOf(TENANT_A, filter);
    }

    private static List<String> emailsOf(UUID tenant, JsonObject filter) {
        return rows(tenant, ContactFilters.compile(filter, 2));
    }

    private static List<String> rows(UUID tenant, SqlCondition condition) {
        Tuple tuple = Tuple.tuple().addValue(tenant);
        condition.params().forEach(tuple::addValue);
        Iterable<Row> rows = result(pool.preparedQuery(SELECT.formatted(condition.sql())).execute(tuple));
        return StreamSupport.stream(rows.spliterator(), false).map(row -> row.getString("email")).toList();
    }
}
