package io.porter.exports.filtering;

/** One key of {@code c.custom_fields}: numbers compare as numbers, everything else as text. */
final class CustomFieldConditions {

    private static final String VALUE = "(c.custom_fields ->> %s::text)";
    // a stored value that is not a plain number never matches a numeric comparison (and never fails the cast)
    private static final String NUMERIC_VALUE = "CASE WHEN %1$s ~ '^-?[0-9]+(\\.[0-9]+)?$' THEN %1$s::numeric END";
    private static final String NUMERIC_COMPARE = "%s %s %s::text::numeric";

    private CustomFieldConditions() {
    }

    static String compile(Condition condition, Parameters parameters) {
        String value = VALUE.formatted(parameters.add(condition.field().customKey()));
        if (condition.op().isComparison() && condition.value() instanceof Number number) {
            return NUMERIC_COMPARE.formatted(
                    NUMERIC_VALUE.formatted(value), condition.op().sql(), parameters.add(number.toString()));
        }
        return TextConditions.compile(value, condition, parameters);
    }
}
