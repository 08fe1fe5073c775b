package io.porter.exports.filtering;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Compiles the JSON filter language of exports into a parameterized SQL condition on contacts
 * aliased {@code c}. Callers scope it to the tenant: {@code c.tenant_id = $1 AND (<sql>)}.
 *
 * <pre>{@code {"and": [{"field": "email", "op": "contains", "value": "@acme.com"},
 *           {"not": {"field": "tags", "op": "contains", "value": "unsubscribed"}}]}}</pre>
 */
public final class ContactFilters {

    private static final String ROOT = "filters";
    private static final SqlCondition EVERY_CONTACT = new SqlCondition("TRUE", List.of());

    private ContactFilters() {
    }

    /**
     * @param firstParameterIndex the number of the first placeholder the condition may use ({@code $n})
     * @throws FilterException when the filter is not a valid one, naming where and why
     */
    public static SqlCondition compile(JsonObject filter, int firstParameterIndex) {
        Parameters parameters = new Parameters(firstParameterIndex);
        String sql = new FilterCompiler(parameters).compile(filter, ROOT, 1);
        return new SqlCondition(sql, parameters.values());
    }

    /** The condition of "no filter". */
    public static SqlCondition all() {
        return EVERY_CONTACT;
    }
}
