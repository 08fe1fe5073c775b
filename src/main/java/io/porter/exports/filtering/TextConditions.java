package io.porter.exports.filtering;

/** Case-insensitive comparisons of any text expression: a column or a custom field. */
final class TextConditions {

    private static final String EQUALS = "lower(%s) = lower(%s)";
    private static final String DIFFERS = "lower(%s) IS DISTINCT FROM lower(%s)";
    private static final String CONTAINS = "strpos(lower(%s), lower(%s)) > 0";
    // left() and length() instead of LIKE, so that % and _ in the value are plain characters
    private static final String STARTS_WITH = "left(lower(%1$s), length(%2$s)) = lower(%2$s)";
    private static final String IN = "lower(%s) IN (SELECT lower(v) FROM unnest(%s::text[]) AS v)";
    private static final String ORDERED = "lower(%s) %s lower(%s)";
    // a blank value counts as no value, as an import stores what a spreadsheet cell held
    private static final String PRESENT = "nullif(btrim(%s), '') IS NOT NULL";
    private static final String ABSENT = "nullif(btrim(%s), '') IS NULL";

    private TextConditions() {
    }

    static String compile(String expression, Condition condition, Parameters parameters) {
        return switch (condition.op()) {
            case EQ -> EQUALS.formatted(expression, parameters.add(FilterValues.scalar(condition)));
            case NEQ -> DIFFERS.formatted(expression, parameters.add(FilterValues.scalar(condition)));
            case CONTAINS -> CONTAINS.formatted(expression, parameters.add(FilterValues.text(condition)));
            case STARTS_WITH -> STARTS_WITH.formatted(expression, parameters.add(FilterValues.text(condition)));
            case IN -> IN.formatted(expression, parameters.add(FilterValues.texts(condition)));
            case GT, GTE, LT, LTE -> ORDERED.formatted(
                    expression, condition.op().sql(), parameters.add(FilterValues.text(condition)));
            case EXISTS -> (FilterValues.existsFlag(condition) ? PRESENT : ABSENT).formatted(expression);
        };
    }
}
