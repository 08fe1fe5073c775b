package io.porter.http;

import io.porter.database.PageCursor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code ?limit=&cursor=} of every list. The cursor is opaque to clients: the position (created_at,
 * id) of the last item of the previous page, so pages stay stable while new items arrive.
 */
record PageRequest(int limit, Instant afterCreatedAt, UUID afterId) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    static PageRequest of(RoutingContext ctx) {
        int limit = parseLimit(ctx.queryParams().get("limit"));
        String cursor = ctx.queryParams().get("cursor");
        if (cursor == null || cursor.isBlank()) {
            return new PageRequest(limit, null, null);
        }
        PageCursor position = PageCursor.decode(cursor)
                .orElseThrow(() -> ApiError.badRequest("cursor is not one this API gave out"));
        return new PageRequest(limit, position.createdAt(), position.id());
    }

    /** The answer for a page fetched with {@code limit + 1} rows: the extra row only says there is more. */
    <T> JsonObject answer(List<T> rows, Function<T, JsonObject> toJson, Function<T, Instant> createdAt, Function<T, UUID> id) {
        return PageCursor.page(rows, limit, toJson, createdAt, id);
    }

    private static int parseLimit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error below
        }
        throw ApiError.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + text + "'");
    }
}
