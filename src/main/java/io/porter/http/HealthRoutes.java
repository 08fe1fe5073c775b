package io.porter.http;

import io.porter.storage.BlobStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.util.concurrent.TimeUnit;

/** {@code GET /health}: 200 when the database and the store answer, 503 otherwise, with each check's detail. */
final class HealthRoutes {

    private static final long CHECK_TIMEOUT_MS = 3000;

    private final Pool pool;
    private final BlobStore store;

    HealthRoutes(Pool pool, BlobStore store) {
        this.pool = pool;
        this.store = store;
    }

    void get(RoutingContext ctx) {
        Future<JsonObject> database = check(pool.query("SELECT 1").execute().mapEmpty(), "postgresql");
        Future<JsonObject> storage = check(store.ping(), store.describe());
        Future.join(database, storage).onComplete(done -> {
            boolean up = isUp(database.result()) && isUp(storage.result());
            JsonObject body = new JsonObject()
                    .put("status", up ? "UP" : "DOWN")
                    .put("checks", new JsonObject().put("database", database.result()).put("storage", storage.result()));
            Requests.json(ctx, up ? 200 : 503, body);
        });
    }

    private Future<JsonObject> check(Future<?> probe, String target) {
        return probe.timeout(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .map(ok -> new JsonObject().put("status", "UP").put("target", target))
                .otherwise(failure -> new JsonObject().put("status", "DOWN").put("target", target)
                        .put("error", String.valueOf(failure.getMessage())));
    }

    private static boolean isUp(JsonObject check) {
        return "UP".equals(check.getString("status"));
    }
}
