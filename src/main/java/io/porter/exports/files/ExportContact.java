package io.porter.exports.files;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One contact as an export writes it; a null {@code engagement} exports as zero counts and no dates. */
public record ExportContact(
        UUID id,
        String email,
        String firstName,
        String lastName,
        String company,
        String phone,
        Map<String, String> customFields,
        List<String> tags,
        Instant createdAt,
        Instant updatedAt,
        Engagement engagement) {

    public ExportContact {
        customFields = customFields == null ? Map.of() : customFields;
        tags = tags == null ? List.of() : tags;
    }

    public record Engagement(
            int emailsSent,
            int emailsOpened,
            int emailsClicked,
            Instant lastOpenedAt,
            Instant lastClickedAt) {
    }
}
