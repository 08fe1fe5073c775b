package io.porter.database;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The position after which a list's next page starts: the (created_at, id) of the last item shown,
 * handed to clients as an opaque string, so pages stay stable while new items arrive.
 */
public record PageCursor(Instant createdAt, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Empty when the text is not a cursor this service gave out. */
    public static Optional<PageCursor> decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", 2);
            return Optional.of(new PageCursor(Instant.parse(parts[0]), UUID.fromString(parts[1])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
