package io.porter.exports.files;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The columns of one export, in order. Column names are the import field names, so an exported file
 * re-imports with automatic mapping.
 */
public final class ExportColumns {

    public static final String CUSTOM_PREFIX = "customFields.";
    public static final String TAGS = "tags";
    public static final String TAG_SEPARATOR = ";";

    static final List<String> DEFAULT_FIELDS = List.of("email", "firstName", "lastName", "company", "phone");
    static final List<String> SELECTABLE_FIELDS = List.of(
            "email", "firstName", "lastName", "company", "phone", TAGS, "createdAt", "updatedAt");
    static final List<String> ENGAGEMENT_FIELDS = List.of(
            "emailsSent", "emailsOpened", "emailsClicked", "lastOpenedAt", "lastClickedAt");

    // A contact never emailed has sent, opened and clicked nothing: zeros sum in a spreadsheet, blanks do not.
    private static final ExportContact.Engagement NO_ENGAGEMENT = new ExportContact.Engagement(0, 0, 0, null, null);

    private final List<String> names;

    private ExportColumns(List<String> names) {
        this.names = List.copyOf(names);
    }

    /**
     * @param selectedFields null for the default fields
     * @param customKeys the custom keys present among the exported contacts, used only with
     *     {@code includeCustomFields}
     * @throws IllegalArgumentException naming the first unknown field
     */
    public static ExportColumns of(List<String> selectedFields, boolean includeCustomFields,
            List<String> customKeys, boolean includeEngagementMetrics) {
        Set<String> columns = new LinkedHashSet<>(selectedOrDefault(selectedFields));
        if (includeCustomFields && customKeys != null) {
            customKeys.forEach(key -> columns.add(CUSTOM_PREFIX + key));
        }
        if (includeEngagementMetrics) {
            columns.addAll(ENGAGEMENT_FIELDS);
        }
        return new ExportColumns(new ArrayList<>(columns));
    }

    private static List<String> selectedOrDefault(List<String> selectedFields) {
        if (selectedFields == null) {
            return DEFAULT_FIELDS;
        }
        if (selectedFields.isEmpty()) {
            throw new IllegalArgumentException("selectedFields is empty; leave it out for the default fields");
        }
        selectedFields.forEach(ExportColumns::requireSelectable);
        return selectedFields;
    }

    private static void requireSelectable(String field) {
        if (field == null || !(SELECTABLE_FIELDS.contains(field) || customKey(field).isPresent())) {
            throw new IllegalArgumentException("unknown field '" + field + "' in selectedFields; fields are "
                    + String.join(", ", SELECTABLE_FIELDS) + ", " + CUSTOM_PREFIX + "<key>");
        }
    }

    /** The key of a {@code customFields.<key>} column, empty for any other column. */
    public static Optional<String> customKey(String column) {
        if (column.startsWith(CUSTOM_PREFIX) && column.length() > CUSTOM_PREFIX.length()) {
            return Optional.of(column.substring(CUSTOM_PREFIX.length()));
        }
        return Optional.empty();
    }

    /** The header row: field names exactly. */
    public List<String> names() {
        return names;
    }

    /** A String, Integer, Instant or null; {@code tags} as one string of names joined with {@code ;}. */
    public Object valueOf(String column, ExportContact contact) {
        Optional<String> customKey = customKey(column);
        if (customKey.isPresent()) {
            return contact.customFields().get(customKey.get());
        }
        return switch (column) {
            case "email" -> contact.email();
            case "firstName" -> contact.firstName();
            case "lastName" -> contact.lastName();
            case "company" -> contact.company();
            case "phone" -> contact.phone();
            case TAGS -> String.join(TAG_SEPARATOR, contact.tags());
            case "createdAt" -> contact.createdAt();
            case "updatedAt" -> contact.updatedAt();
            default -> engagementValue(column, contact.engagement());
        };
    }

    private static Object engagementValue(String column, ExportContact.Engagement engagement) {
        if (!ENGAGEMENT_FIELDS.contains(column)) {
            throw new IllegalArgumentException("not an export column: " + column);
        }
        if (engagement == null) {
            engagement = NO_ENGAGEMENT;
        }
        return switch (column) {
            case "emailsSent" -> engagement.emailsSent();
            case "emailsOpened" -> engagement.emailsOpened();
            case "emailsClicked" -> engagement.emailsClicked();
            case "lastOpenedAt" -> engagement.lastOpenedAt();
            default -> engagement.lastClickedAt();
        };
    }
}
