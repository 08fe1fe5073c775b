package io.porter.exports.filtering;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

enum Operator {
    EQ("eq", "="),
    NEQ("neq", "IS DISTINCT FROM"),
    CONTAINS("contains", null),
    STARTS_WITH("startsWith", null),
    IN("in", null),
    GT("gt", ">"),
    GTE("gte", ">="),
    LT("lt", "<"),
    LTE("lte", "<="),
    EXISTS("exists", null);

    static final String NAMES = Arrays.stream(values()).map(op -> op.jsonName).collect(Collectors.joining(", "));

    final String jsonName;
    private final String sqlComparison;

    Operator(String jsonName, String sqlComparison) {
        this.jsonName = jsonName;
        this.sqlComparison = sqlComparison;
    }

    static Optional<Operator> named(String name) {
        return Arrays.stream(values()).filter(op -> op.jsonName.equals(name)).findFirst();
    }

    /** True for eq, neq, gt, gte, lt, lte: the operators that are one SQL comparison. */
    boolean isComparison() {
        return sqlComparison != null;
    }

    String sql() {
        if (sqlComparison == null) {
            throw new IllegalStateException(jsonName + " is not a plain comparison");
        }
        return sqlComparison;
    }
}
