package io.porter.exports.files;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/** Contacts that exercise quoting, accents, CJK, missing values and engagement, and a way to export them. */
final class ExportFixtures {

    static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");
    static final Instant UPDATED = Instant.parse("2026-02-03T04:05:06Z");
    static final Instant OPENED = Instant.parse("2026-03-04T05:06:07Z");
    static final Instant CLICKED = Instant.parse("2026-03-05T06:07:08Z");

    private ExportFixtures() {
    }

    static ExportContact ann() {
        return new ExportContact(UUID.randomUUID(), "ann@example.com", "Zoë", "Ålund", "Acme, Inc.", "+14155550123",
                map("plan", "pro", "region", "EU"), List.of("vip", "beta"), CREATED, UPDATED,
                new ExportContact.Engagement(5, 3, 1, OPENED, CLICKED));
    }

    static ExportContact wang() {
        return new ExportContact(UUID.randomUUID(), "wang@example.cn", "小明", "王", "Say \"hi\"", null,
                map("plan", "free"), List.of(), CREATED, UPDATED, null);
    }

    static ExportContact bob() {
        return new ExportContact(UUID.randomUUID(), "bob@example.com", "Bob", null, "line one\r\nline two", "-12",
                Map.of(), List.of("x"), CREATED, null, new ExportContact.Engagement(0, 0, 0, null, null));
    }

    static List<ExportContact> contacts() {
        return List.of(ann(), wang(), bob());
    }

    static ExportContact numbered(int n) {
        return new ExportContact(UUID.randomUUID(), "c" + n + "@example.com", "First" + n, "Last" + n, "Company " + n,
                "+1415555" + String.format("%04d", n % 10_000), map("plan", "p" + n % 3), List.of("t" + n % 5),
                CREATED.plusSeconds(n), UPDATED, new ExportContact.Engagement(n, n / 2, n / 3, OPENED, null));
    }

    static ExportColumns allColumns() {
        return ExportColumns.of(List.of("email", "firstName", "lastName", "company", "phone", "tags", "createdAt",
                "updatedAt"), true, List.of("plan", "region"), true);
    }

    static byte[] export(String format, ExportColumns columns, boolean csvSafe, List<ExportContact> contacts) {
        return write(out -> ExportWriters.create(format, out, csvSafe), columns, contacts);
    }

    static byte[] write(Function<OutputStream, ExportWriter> writerFor, ExportColumns columns,
            List<ExportContact> contacts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExportWriter writer = writerFor.apply(out)) {
            writeAll(writer, columns, contacts::forEach);
        }
        return out.toByteArray();
    }

    static void writeAll(ExportWriter writer, ExportColumns columns, Consumer<Consumer<ExportContact>> source) {
        writer.start(columns);
        source.accept(writer::write);
        writer.finish();
    }

    /** The text a column should hold for a contact, worked out here rather than by the code under test. */
    static String expectedText(String column, ExportContact c) {
        if (column.startsWith("customFields.")) {
            return c.customFields().get(column.substring("customFields.".length()));
        }
        ExportContact.Engagement e = c.engagement() == null
                ? new ExportContact.Engagement(0, 0, 0, null, null) : c.engagement();
        return switch (column) {
            case "email" -> c.email();
            case "firstName" -> c.firstName();
            case "lastName" -> c.lastName();
            case "company" -> c.company();
            case "phone" -> c.phone();
            case "tags" -> String.join(";", c.tags());
            case "createdAt" -> text(c.createdAt());
            case "updatedAt" -> text(c.updatedAt());
            case "emailsSent" -> String.valueOf(e.emailsSent());
            case "emailsOpened" -> String.valueOf(e.emailsOpened());
            case "emailsClicked" -> String.valueOf(e.emailsClicked());
            case "lastOpenedAt" -> text(e.lastOpenedAt());
            case "lastClickedAt" -> text(e.lastClickedAt());
            default -> throw new IllegalArgumentException(column);
        };
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Map<String, String> map(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
