package io.porter.exports.filtering;

import io.vertx.core.json.JsonArray;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads a condition's value as the type its field and operator need, or says why it cannot. */
final class FilterValues {

    static final int LONGEST_IN_LIST = 1000;
    private static final String DATE_EXAMPLE = "an ISO-8601 date or date-time such as 2024-05-01 or 2024-05-01T12:00:00Z";

    private FilterValues() {
    }

    static String text(Condition condition) {
        return textOf(condition.value(), condition, condition.describe() + " needs a text value");
    }

    /** For eq and neq: on a custom field, which may hold JSON booleans, a boolean reads as true/false. */
    static String scalar(Condition condition) {
        return condition.value() instanceof Boolean flag && acceptsBooleans(condition)
                ? flag.toString()
                : text(condition);
    }

    static String[] texts(Condition condition) {
        JsonArray list = list(condition);
        String[] texts = new String[list.size()];
        for (int i = 0; i < texts.length; i++) {
            Object item = list.getValue(i);
            texts[i] = item instanceof Boolean flag && acceptsBooleans(condition)
                    ? flag.toString()
                    : textOf(item, condition, "'in' takes a list of texts or numbers; item " + i + " is not one");
        }
        return texts;
    }

    static OffsetDateTime timestamp(Condition condition) {
        return timestampOf(condition.value(), condition);
    }

    static OffsetDateTime[] timestamps(Condition condition) {
        JsonArray list = list(condition);
        OffsetDateTime[] timestamps = new OffsetDateTime[list.size()];
        for (int i = 0; i < timestamps.length; i++) {
            timestamps[i] = timestampOf(list.getValue(i), condition);
        }
        return timestamps;
    }

    static boolean existsFlag(Condition condition) {
        if (!condition.hasValue()) {
            return true;
        }
        if (condition.value() instanceof Boolean flag) {
            return flag;
        }
        throw condition.problem("'exists' takes true or false (or no value, meaning true)");
    }

    private static boolean acceptsBooleans(Condition condition) {
        return condition.field().kind() == FieldKind.CUSTOM;
    }

    private static JsonArray list(Condition condition) {
        if (!(condition.value() instanceof JsonArray list)) {
            throw condition.problem(condition.describe() + " needs a list of values");
        }
        if (list.isEmpty()) {
            throw condition.problem("'in' needs at least one value");
        }
        if (list.size() > LONGEST_IN_LIST) {
            throw condition.problem("'in' takes at most " + LONGEST_IN_LIST + " values, not " + list.size());
        }
        return list;
    }

    private static String textOf(Object value, Condition condition, String complaint) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Number number) {
            return number.toString();
        }
        throw condition.problem(value == null ? condition.describe() + " needs a value" : complaint);
    }

    private static OffsetDateTime timestampOf(Object value, Condition condition) {
        if (!(value instanceof String text)) {
            throw condition.problem(condition.field().name() + " compares with " + DATE_EXAMPLE);
        }
        try {
            return parseTimestamp(text);
        } catch (DateTimeParseException e) {
            throw condition.problem(FilterException.quote(text) + " is not " + DATE_EXAMPLE);
        }
    }

    /** A date means its first instant in UTC; a date-time without an offset is UTC too. */
    private static OffsetDateTime parseTimestamp(String text) {
        if (!text.contains("T")) {
            return LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC);
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException noOffset) {
            return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
        }
    }
}
