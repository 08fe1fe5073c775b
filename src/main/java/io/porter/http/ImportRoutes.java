package io.porter.http;

import io.porter.jobs.Addresses;
import io.porter.storage.BlobStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /api/contacts/import/**}: requests go to the import role over the event bus (this node's or
 * another's); the answers come back as JSON. The error report is written by the import role to the
 * store and streamed from there.
 */
final class ImportRoutes {

    private final BusCalls bus;
    private final BlobStore store;
    private final StoreDownloads downloads;

    ImportRoutes(BusCalls bus, BlobStore store, StoreDownloads downloads) {
        this.bus = bus;
        this.store = store;
        this.downloads = downloads;
    }

    void start(RoutingContext ctx) {
        bus.request(Addresses.IMPORT_START, Requests.caller(ctx), jsonBody(ctx))
                .onSuccess(job -> {
                    ctx.response().putHeader("Location", "/api/contacts/import/" + job.getString("jobId"));
                    Requests.json(ctx, 202, job);
                })
                .onFailure(ctx::fail);
    }

    void preview(RoutingContext ctx) {
        reply(ctx, 200, bus.request(Addresses.IMPORT_PREVIEW, Requests.caller(ctx), jsonBody(ctx)));
    }

    void get(RoutingContext ctx) {
        reply(ctx, 200, bus.request(Addresses.IMPORT_GET, Requests.caller(ctx), jobRef(ctx)));
    }

    void list(RoutingContext ctx) {
        PageRequest page = PageRequest.of(ctx);
        JsonObject body = new JsonObject().put("limit", page.limit()).put("cursor", ctx.queryParams().get("cursor"));
        reply(ctx, 200, bus.request(Addresses.IMPORT_LIST, Requests.caller(ctx), body));
    }

    void cancel(RoutingContext ctx) {
        reply(ctx, 202, bus.request(Addresses.IMPORT_CANCEL, Requests.caller(ctx), jobRef(ctx)));
    }

    void rollback(RoutingContext ctx) {
        JsonObject body = jobRef(ctx);
        JsonObject request = optionalJsonBody(ctx);
        body.put("force", request.getBoolean("force", false));
        reply(ctx, 202, bus.request(Addresses.IMPORT_ROLLBACK, Requests.caller(ctx), body));
    }

    void errors(RoutingContext ctx) {
        bus.request(Addresses.IMPORT_ERROR_REPORT, Requests.caller(ctx), jobRef(ctx))
                .compose(report -> {
                    String key = store.keyOf(report.getString("fileUrl")).orElseThrow();
                    ctx.response()
                            .putHeader("Content-Type", "text/csv; charset=utf-8")
                            .putHeader("Content-Disposition", "attachment; filename=\"" + report.getString("fileName") + "\"");
                    return downloads.send(key, ctx.response());
                })
                .onFailure(ctx::fail);
    }

    private static JsonObject jobRef(RoutingContext ctx) {
        return new JsonObject().put("jobId", ctx.pathParam("jobId"));
    }

    private static void reply(RoutingContext ctx, int status, Future<JsonObject> answer) {
        answer.onSuccess(json -> Requests.json(ctx, status, json)).onFailure(ctx::fail);
    }

    static JsonObject jsonBody(RoutingContext ctx) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            throw ApiError.badRequest("request body must be a JSON object");
        }
        if (body == null) {
            throw ApiError.badRequest("request body must be a JSON object");
        }
        return body;
    }

    private static JsonObject optionalJsonBody(RoutingContext ctx) {
        return ctx.body() == null || ctx.body().isEmpty() ? new JsonObject() : jsonBody(ctx);
    }
}
