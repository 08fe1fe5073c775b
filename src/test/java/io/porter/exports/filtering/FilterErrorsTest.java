package io.porter.exports.filtering;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterErrorsTest {

    @Test
    @DisplayName("an unknown operator is named with its place in the tree and the list of operators")
    void unknownOperator() {
        JsonObject filter = and(condition("email", "eq", "a"), condition("email", "like", "a%"));

        assertThat(failure(filter)).isEqualTo("filters.and[1]: unknown operator 'like';"
                + " operators are eq, neq, contains, startsWith, in, gt, gte, lt, lte, exists");
    }

    @Test
    @DisplayName("an operator carrying SQL is an unknown operator")
    void operatorCarryingSql() {
        assertThat(failure(condition("email", "eq OR 1=1", "a")))
                .startsWith("filters: unknown operator 'eq OR 1=1'");
    }

    @Test
    @DisplayName("an unknown field, or one carrying SQL, is named with the list of fields")
    void unknownField() {
        assertThat(failure(condition("nickname", "eq", "a"))).isEqualTo("filters: unknown field 'nickname';"
                + " fields are email, firstName, lastName, company, phone, createdAt, updatedAt, tags, customFields.<key>");
        assertThat(failure(condition("email; DROP TABLE x", "eq", "a")))
                .startsWith("filters: unknown field 'email; DROP TABLE x'");
    }

    @Test
    @DisplayName("a custom field needs a key of 1 to 100 characters")
    void customFieldKeyLength() {
        assertThat(failure(condition("customFields.", "eq", "a")))
                .isEqualTo("filters: a custom field needs a key after 'customFields.'");
        assertThat(failure(condition("customFields." + "k".repeat(101), "eq", "a")))
                .isEqualTo("filters: a custom field key has at most 100 characters");
        assertThat(ContactFilters.compile(condition("customFields." + "k".repeat(100), "eq", "a"), 1).params())
                .contains("k".repeat(100));
    }

    @Test
    @DisplayName("a filter that is not an object, or an empty object, says what a filter looks like")
    void notAnObject() {
        assertThat(failure(null)).isEqualTo("filters: expected an object: a condition {field, op, value} or and, or, not");
        assertThat(failure(new JsonObject().put("not", "email"))).startsWith("filters.not: expected an object");
        assertThat(failure(new JsonObject().put("or", new JsonArray().add(condition("email", "exists", true)).add(3))))
                .startsWith("filters.or[1]: expected an object");
        assertThat(failure(new JsonObject())).isEqualTo("filters: a condition needs 'field'");
    }

    @Test
    @DisplayName("and and or need a non-empty list")
    void emptyGroups() {
        assertThat(failure(new JsonObject().put("and", new JsonArray())))
                .isEqualTo("filters.and: 'and' needs a non-empty list of filters");
        assertThat(failure(new JsonObject().put("or", condition("email", "exists", true))))
                .isEqualTo("filters.or: 'or' needs a non-empty list of filters");
    }

    @Test
    @DisplayName("a node mixing a group with other keys, or a condition with unknown keys, is refused")
    void mixedOrUnknownKeys() {
        JsonObject mixed = and(condition("email", "exists", true)).put("field", "email");
        assertThat(failure(mixed)).startsWith("filters: expected exactly one of and, or, not; got ");
        assertThat(failure(condition("email", "eq", "a").put("values", "b")))
                .startsWith("filters: unknown key 'values'; a condition has field, op and value");
    }

    @Test
    @DisplayName("field and op are required and must be text")
    void requiredKeys() {
        assertThat(failure(new JsonObject().put("field", "email").put("value", "a")))
                .isEqualTo("filters: a condition needs 'op'");
        assertThat(failure(new JsonObject().put("field", 1).put("op", "eq").put("value", "a")))
                .isEqualTo("filters: 'field' must be text");
        assertThat(failure(new JsonObject().put("field", "email").put("op", true).put("value", "a")))
                .isEqualTo("filters: 'op' must be text");
    }

    @Test
    @DisplayName("a missing or null value, an object value and a value of the wrong type are refused")
    void wrongValues() {
        assertThat(failure(new JsonObject().put("field", "email").put("op", "eq")))
                .isEqualTo("filters: 'eq' on email needs a value");
        assertThat(failure(condition("email", "eq", null))).isEqualTo("filters: 'eq' on email needs a value");
        assertThat(failure(condition("email", "eq", new JsonObject().put("$gt", ""))))
                .startsWith("filters: a value cannot be an object");
        assertThat(failure(condition("email", "eq", true))).isEqualTo("filters: 'eq' on email needs a text value");
        assertThat(failure(condition("email", "contains", new JsonArray().add("a"))))
                .isEqualTo("filters: 'contains' on email needs a text value");
        assertThat(failure(condition("tags", "contains", new JsonArray())))
                .isEqualTo("filters: 'contains' on tags needs a text value");
    }

    @Test
    @DisplayName("in needs a list of 1 to 1000 texts or numbers")
    void inLists() {
        assertThat(failure(condition("email", "in", "a"))).isEqualTo("filters: 'in' on email needs a list of values");
        assertThat(failure(condition("email", "in", new JsonArray()))).isEqualTo("filters: 'in' needs at least one value");
        JsonArray tooMany = new JsonArray(IntStream.range(0, 1001).mapToObj(i -> (Object) ("v" + i)).toList());
        assertThat(failure(condition("email", "in", tooMany))).isEqualTo("filters: 'in' takes at most 1000 values, not 1001");
        assertThat(failure(condition("email", "in", new JsonArray().add("a").add(new JsonObject()))))
                .isEqualTo("filters: 'in' takes a list of texts or numbers; item 1 is not one");
        assertThat(failure(condition("email", "in", new JsonArray().add(true))))
                .isEqualTo("filters: 'in' takes a list of texts or numbers; item 0 is not one");
    }

    @Test
    @DisplayName("exists takes only true or false")
    void existsFlag() {
        assertThat(failure(condition("phone", "exists", "yes")))
                .isEqualTo("filters: 'exists' takes true or false (or no value, meaning true)");
    }

    @Test
    @DisplayName("dates need ISO-8601 text and do not take contains or startsWith")
    void dates() {
        assertThat(failure(condition("createdAt", "gt", "yesterday")))
                .isEqualTo("filters: 'yesterday' is not an ISO-8601 date or date-time such as 2024-05-01 or 2024-05-01T12:00:00Z");
        assertThat(failure(condition("updatedAt", "gt", 1700000000)))
                .isEqualTo("filters: updatedAt compares with an ISO-8601 date or date-time such as 2024-05-01 or 2024-05-01T12:00:00Z");
        assertThat(failure(condition("createdAt", "in", new JsonArray().add("2024-01-01").add("2024-13-01"))))
                .startsWith("filters: '2024-13-01' is not an ISO-8601 date");
        assertThat(failure(condition("createdAt", "contains", "2024")))
                .isEqualTo("filters: 'contains' on createdAt does not apply to dates; use eq, neq, gt, gte, lt, lte, in or exists");
        assertThat(failure(condition("createdAt", "startsWith", "2024"))).contains("does not apply to dates");
    }

    @Test
    @DisplayName("on tags eq and neq point to contains, and ordering operators are refused")
    void tags() {
        assertThat(failure(condition("tags", "eq", "vip"))).startsWith("filters: 'eq' on tags is not supported:")
                .contains("use contains");
        assertThat(failure(condition("tags", "neq", "vip"))).contains("use contains");
        assertThat(failure(condition("tags", "gt", "vip")))
                .isEqualTo("filters: 'gt' on tags is not supported; on tags use contains, in or exists");
        assertThat(failure(condition("tags", "startsWith", "v"))).contains("on tags use contains, in or exists");
    }

    @Test
    @DisplayName("nesting is limited to 10 levels and a filter to 200 conditions")
    void limits() {
        JsonObject tenLevels = condition("email", "exists", true);
        for (int level = 1; level < 10; level++) {
            tenLevels = new JsonObject().put("not", tenLevels);
        }
        assertThat(ContactFilters.compile(tenLevels, 1).sql()).startsWith("NOT coalesce(");
        assertThat(failure(new JsonObject().put("not", tenLevels)))
                .isEqualTo("filters" + ".not".repeat(10) + ": filters nest at most 10 levels deep");

        JsonArray conditions = new JsonArray();
        IntStream.range(0, 200).forEach(i -> conditions.add(condition("email", "eq", "a" + i)));
        assertThat(ContactFilters.compile(new JsonObject().put("or", conditions), 1).params()).hasSize(200);
        conditions.add(condition("email", "eq", "one too many"));
        assertThat(failure(new JsonObject().put("or", conditions)))
                .isEqualTo("filters.or[200]: a filter has at most 200 conditions");
    }

    @Test
    @DisplayName("user text echoed in a message is cut to 60 characters")
    void longEchoesAreCut() {
        assertThat(failure(condition("email", "x".repeat(500), "a")))
                .startsWith("filters: unknown operator '" + "x".repeat(60) + "…'; operators are");
    }

    @Test
    @DisplayName("placeholders start at the given number, values are parameters and never part of the SQL text")
    void placeholdersAndParameters() {
        String attack = "x' OR '1'='1";
        SqlCondition compiled = ContactFilters.compile(and(
                condition("email", "eq", attack),
                condition("customFields.a'--", "contains", attack)), 5);

        assertThat(compiled.sql()).contains("$5", "$6", "$7").doesNotContain("$4", "$8", attack, "a'--");
        assertThat(compiled.params()).containsExactly(attack, "a'--", attack);
        assertThatThrownBy(() -> ContactFilters.compile(condition("email", "eq", "a"), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ContactFilters.all()).isEqualTo(new SqlCondition("TRUE", java.util.List.of()));
    }

    static JsonObject condition(String field, String op, Object value) {
        return new JsonObject().put("field", field).put("op", op).put("value", value);
    }

    static JsonObject and(JsonObject... filters) {
        return new JsonObject().put("and", new JsonArray(java.util.List.of((Object[]) filters)));
    }

    private static String failure(JsonObject filter) {
        try {
            ContactFilters.compile(filter, 2);
        } catch (FilterException expected) {
            return expected.getMessage();
        }
        throw new AssertionError("expected a FilterException for " + filter);
    }
}
