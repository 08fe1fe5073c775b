package io.porter.database;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The position after which a list's next page starts: the (created_at, id) of the last item shown,
 * handed to clients as an opaque string, so pages stay stable while new items arrive.
 */
public record PageCursor(Instant createdAt, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A list answer {@code {"items", "nextCursor"}} from rows fetched with {@code limit + 1}: the extra
     * row only says there is a next page, whose cursor is the last item shown.
     */
    public static <T> JsonObject page(List<T> rows, int limit, Function<T, JsonObject> toJson,
                                      Function<T, Instant> createdAt, Function<T, UUID> id) {
        boolean more = rows.size() > limit;
        List<T> shown = more ? rows.subList(0, limit) : rows;
        JsonArray items = new JsonArray();
        shown.forEach(row -> items.add(toJson.apply(row)));
        T last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
        return new JsonObject().put("items", items)
                .put("nextCursor", more ? new PageCursor(createdAt.apply(last), id.apply(last)).encode() : null);
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
