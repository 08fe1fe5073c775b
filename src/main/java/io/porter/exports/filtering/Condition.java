package io.porter.exports.filtering;

/** One {@code {"field", "op", "value"}} node; {@code value} is null when absent (or JSON null). */
record Condition(String path, FilterField field, Operator op, Object value) {

    boolean hasValue() {
        return value != null;
    }

    FilterException problem(String what) {
        return new FilterException(path, what);
    }

    /** "'contains' on email", the way messages name this condition. */
    String describe() {
        return "'" + op.jsonName + "' on " + field.name();
    }
}
