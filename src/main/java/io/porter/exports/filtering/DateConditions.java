package io.porter.exports.filtering;

/** createdAt and updatedAt, compared as timestamps. */
final class DateConditions {

    private static final String COMPARE = "%s %s %s";
    private static final String IN = "%s = ANY(%s::timestamptz[])";
    private static final String PRESENT = "%s IS NOT NULL";
    private static final String ABSENT = "%s IS NULL";

    private DateConditions() {
    }

    static String compile(Condition condition, Parameters parameters) {
        String column = condition.field().column();
        return switch (condition.op()) {
            case EQ, NEQ, GT, GTE, LT, LTE -> COMPARE.formatted(
                    column, condition.op().sql(), parameters.add(FilterValues.timestamp(condition)));
            case IN -> IN.formatted(column, parameters.add(FilterValues.timestamps(condition)));
            case EXISTS -> (FilterValues.existsFlag(condition) ? PRESENT : ABSENT).formatted(column);
            case CONTAINS, STARTS_WITH -> throw condition.problem(condition.describe()
                    + " does not apply to dates; use eq, neq, gt, gte, lt, lte, in or exists");
        };
    }
}
