package io.porter.exports;

import io.porter.exports.files.ExportColumns;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CSV export as one {@code COPY (SELECT ...) TO STDOUT (FORMAT csv)}: PostgreSQL writes the values as
 * {@code CsvExportWriter} shows them (ISO-8601 instants, tags joined by {@code ;}, zero counts for no
 * engagement), and {@link CsvCopyRows} turns each row into the writer's bytes (formula escaping of text
 * cells, quoting, CRLF), so the file is the same byte for byte. Text columns are plain column reads, as in a
 * bare COPY: formatting them in SQL cost more than the rest of the export.
 *
 * <p>An inner query reads the raw values once per contact in export order (fenced with {@code OFFSET 0} so
 * the tag subquery is not repeated for each use in a cell expression); the outer query turns them into cells.
 * Custom fields hold text when an import wrote them; a decimal number (1.50, which the JSON reader shows as
 * 1.5), an object or an array written by anything else would not come out the same, so with custom columns
 * each row starts with a flag saying so, and the caller falls back to the row writer for such a selection.
 * COPY takes no bind parameters: the selection's {@code $n} become transaction settings read by
 * {@code current_setting} in an InitPlan (evaluated once), set from bound values by {@code database.CopyOut}.
 */
final class CsvCopyQuery {

    /**
     * @param flagged whether each row starts with a boolean column {@code t}/{@code f}: {@code t} when a custom
     *     field of the row holds a value only the row writers' JSON reader renders right
     * @param text for each export column, whether it holds text (formula escaping applies) rather than a
     *     number or a date
     */
    record Prepared(String sql, Map<String, Object> settings, boolean flagged, boolean[] text) {
    }

    private static final String SETTING = "porter.export_";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)");
    // PostgreSQL reads this back exactly, any year, AD or BC
    private static final DateTimeFormatter PG_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS'+00' G", Locale.ROOT);

    private static final String TAGS = "(SELECT string_agg(t.name, '" + ExportColumns.TAG_SEPARATOR
            + "' ORDER BY t.name) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id)";
    private static final String ENGAGEMENT_JOIN = " LEFT JOIN contact_engagement e ON e.contact_id = c.id";

    /** DateTimeFormatter.ISO_INSTANT: UTC, a fraction of 3 or 6 digits only when present, '+' past year 9999. */
    private static final String INSTANT = """
            CASE WHEN isfinite(%1$s) THEN \
            CASE WHEN %2$s >= '10000-01-01' THEN '+' || to_char(%2$s, 'YYYY') \
            WHEN %2$s >= '0001-01-01' THEN to_char(%2$s, 'YYYY') \
            WHEN %2$s >= '0001-01-01 BC' THEN '0000' \
            ELSE '-' || lpad((to_char(%2$s, 'YYYY')::int - 1)::text, 4, '0') END \
            || to_char(%2$s, '-MM-DD"T"HH24:MI:SS') \
            || CASE WHEN %3$s = 0 THEN '' \
            WHEN %3$s %% 1000 = 0 THEN '.' || lpad((%3$s / 1000)::text, 3, '0') \
            ELSE '.' || lpad(%3$s::text, 6, '0') END || 'Z' END""";

    /**
     * A custom value the JSON reader renders otherwise than {@code ->>} does: integers, booleans, text and null
     * agree; a decimal (1.50 becomes 1.5), an object or an array do not. Only a value whose text starts like
     * one of those ({, [, a digit or - with a dot) has its JSON type looked up, which keeps the test cheap.
     */
    private static final String NOT_TEXT_LIKE = "(ascii(%1$s) IN (123, 91) OR (ascii(%1$s) BETWEEN 45 AND 57 "
            + "AND strpos(%1$s, '.') > 0)) AND jsonb_typeof(v.custom_fields -> %2$s) <> 'string'";

    private CsvCopyQuery() {
    }

    static Prepared of(ContactSelection selection, ExportColumns columns) {
        return of(selection, columns, null, null);
    }

    /**
     * The selection's contacts created from {@code createdFrom} (inclusive) until {@code createdBefore}, each
     * a timestamptz as PostgreSQL writes it as text, or null for no bound: one part of a split export
     * ({@link CsvCopyParts}). Parts cut at one instant hold every contact once, and in export order one after
     * the other, since the order starts with {@code created_at}.
     */
    static Prepared of(ContactSelection selection, ExportColumns columns, String createdFrom, String createdBefore) {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (selection.wholeTenant()) {
            settings.put(ContactSelection.NO_SORT, "off");
        }
        String where = bindParameters(selection, settings) + createdBetween(createdFrom, createdBefore, settings);
        List<String> raw = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        List<String> notText = new ArrayList<>();
        boolean[] text = new boolean[columns.names().size()];
        boolean engagement = false;
        for (String column : columns.names()) {
            String value = "v.c" + raw.size();
            Optional<String> customKey = ExportColumns.customKey(column);
            if (customKey.isPresent()) {
                String name = SETTING + "k" + (settings.size() + 1);
                settings.put(name, customKey.get());
                String key = "(SELECT current_setting('" + name + "'))";
                text[raw.size()] = true;
                raw.add("c.custom_fields ->> " + key);
                cells.add(value);
                notText.add(NOT_TEXT_LIKE.formatted(value, key));
                continue;
            }
            switch (column) {
                case "email", "firstName", "lastName", "company", "phone", ExportColumns.TAGS -> {
                    text[raw.size()] = true;
                    raw.add(textColumn(column));
                    cells.add(value);
                }
                case "createdAt", "updatedAt", "lastOpenedAt", "lastClickedAt" -> {
                    raw.add(dateColumn(column));
                    engagement |= column.startsWith("last");
                    String utc = "(" + value + " AT TIME ZONE 'UTC')";
                    String micros = "(extract(microseconds FROM " + utc + ")::bigint % 1000000)";
                    cells.add(INSTANT.formatted(value, utc, micros));
                }
                case "emailsSent", "emailsOpened", "emailsClicked" -> {
                    raw.add("coalesce(" + countColumn(column) + ", 0)");
                    engagement = true;
                    cells.add(value);
                }
                default -> throw new IllegalArgumentException("not an export column: " + column);
            }
        }
        StringBuilder inner = new StringBuilder("SELECT ");
        for (int i = 0; i < raw.size(); i++) {
            inner.append(raw.get(i)).append(" AS c").append(i).append(", ");
        }
        inner.append(notText.isEmpty() ? "" : "c.custom_fields, ")
                .append("c.created_at AS sort_created, c.id AS sort_id FROM contacts c")
                .append(engagement ? ENGAGEMENT_JOIN : "")
                .append(" WHERE ").append(where)
                .append(" ORDER BY c.created_at, c.id OFFSET 0");
        if (!notText.isEmpty()) {
            cells.add(0, "coalesce(" + String.join(" OR ", notText) + ", false)");
        }
        String sql = "COPY (SELECT " + String.join(", ", cells) + " FROM (" + inner
                + ") v ORDER BY v.sort_created, v.sort_id) TO STDOUT (FORMAT csv)";
        return new Prepared(sql, settings, !notText.isEmpty(), text);
    }

    private static String createdBetween(String from, String before, Map<String, Object> settings) {
        StringBuilder sql = new StringBuilder();
        if (from != null) {
            settings.put(SETTING + "from", from);
            sql.append(" AND c.created_at >= (SELECT current_setting('" + SETTING + "from')::timestamptz)");
        }
        if (before != null) {
            settings.put(SETTING + "before", before);
            sql.append(" AND c.created_at < (SELECT current_setting('" + SETTING + "before')::timestamptz)");
        }
        return sql.toString();
    }

    private static String textColumn(String column) {
        return switch (column) {
            case "email" -> "c.email";
            case "firstName" -> "c.first_name";
            case "lastName" -> "c.last_name";
            case "company" -> "c.company";
            case "phone" -> "c.phone";
            default -> TAGS;
        };
    }

    private static String dateColumn(String column) {
        return switch (column) {
            case "createdAt" -> "c.created_at";
            case "updatedAt" -> "c.updated_at";
            case "lastOpenedAt" -> "e.last_opened_at";
            default -> "e.last_clicked_at";
        };
    }

    private static String countColumn(String column) {
        return switch (column) {
            case "emailsSent" -> "e.emails_sent";
            case "emailsOpened" -> "e.emails_opened";
            default -> "e.emails_clicked";
        };
    }

    /**
     * Replaces each {@code $n} of the selection with a read of setting {@code porter.export_pn} cast to the
     * value's type, or with NULL for a null value. The selection's SQL is made of fixed fragments and {@code $n}
     * placeholders only ({@code $'} in a regex literal is no placeholder), so the pattern finds exactly those.
     */
    private static String bindParameters(ContactSelection selection, Map<String, Object> settings) {
        Matcher placeholder = PLACEHOLDER.matcher(selection.where());
        StringBuilder sql = new StringBuilder();
        while (placeholder.find()) {
            int index = Integer.parseInt(placeholder.group(1));
            Object value = selection.params().getValue(index - 1);
            String replacement;
            if (value == null) {
                replacement = "NULL";
            } else {
                String name = SETTING + "p" + index;
                settings.put(name, settingValue(value));
                replacement = "(SELECT current_setting('" + name + "')::" + sqlType(value) + ")";
            }
            placeholder.appendReplacement(sql, Matcher.quoteReplacement(replacement));
        }
        placeholder.appendTail(sql);
        return sql.toString();
    }

    private static Object settingValue(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof UUID id) {
            return id.toString();
        }
        if (value instanceof OffsetDateTime time) {
            return pgTimestamp(time);
        }
        if (value instanceof String[] texts) {
            return texts.clone();
        }
        if (value instanceof OffsetDateTime[] times) {
            return Arrays.stream(times).map(CsvCopyQuery::pgTimestamp).toArray(String[]::new);
        }
        throw new IllegalArgumentException("no COPY setting for a parameter of type " + value.getClass().getName());
    }

    private static String sqlType(Object value) {
        if (value instanceof String) {
            return "text";
        }
        if (value instanceof UUID) {
            return "uuid";
        }
        if (value instanceof OffsetDateTime) {
            return "timestamptz";
        }
        return value instanceof String[] ? "text[]" : "timestamptz[]";
    }

    private static String pgTimestamp(OffsetDateTime time) {
        return PG_TIMESTAMP.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
