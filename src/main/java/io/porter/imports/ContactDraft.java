package io.porter.imports;

import java.util.Map;

/**
 * A valid row turned into contact fields, ready to write. Blank cells are null (and left out of
 * {@code customFields}); {@code emailKey} is the normalized (trimmed, lower-case) email used to match
 * existing contacts. {@code phone} is E.164 when phone validation is on.
 */
public record ContactDraft(long rowNumber, String email, String emailKey, String firstName, String lastName,
                           String company, String phone, Map<String, String> customFields) {
}
