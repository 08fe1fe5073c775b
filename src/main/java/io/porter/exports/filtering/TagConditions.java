package io.porter.exports.filtering;

/** Conditions on the contact's tags, matched by name ignoring case. */
final class TagConditions {

    // tags are per tenant; the tenant check guards against a link that crosses tenants
    private static final String TAGGED = "EXISTS (SELECT 1 FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id"
            + " WHERE ct.contact_id = c.id AND t.tenant_id = c.tenant_id%s)";
    private static final String NAMED = " AND lower(t.name) = lower(%s)";
    private static final String NAMED_ANY_OF = " AND lower(t.name) IN (SELECT lower(v) FROM unnest(%s::text[]) AS v)";

    private TagConditions() {
    }

    static String compile(Condition condition, Parameters parameters) {
        return switch (condition.op()) {
            case CONTAINS -> TAGGED.formatted(NAMED.formatted(parameters.add(FilterValues.text(condition))));
            case IN -> TAGGED.formatted(NAMED_ANY_OF.formatted(parameters.add(FilterValues.texts(condition))));
            case EXISTS -> (FilterValues.existsFlag(condition) ? "" : "NOT ") + TAGGED.formatted("");
            case EQ, NEQ -> throw condition.problem(condition.describe()
                    + " is not supported: tags is a list; use contains (has the tag), in (has any of them)"
                    + " or not + contains");
            case STARTS_WITH, GT, GTE, LT, LTE -> throw condition.problem(condition.describe()
                    + " is not supported; on tags use contains, in or exists");
        };
    }
}
