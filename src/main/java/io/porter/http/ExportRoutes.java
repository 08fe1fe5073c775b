package io.porter.http;

import io.porter.jobs.Addresses;
import io.porter.storage.BlobStore;
import io.porter.tenancy.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /api/contacts/export/**} (requests go to the export role over the bus) and the token-free
 * signed download route {@code /downloads/exports/{jobId}}.
 */
final class ExportRoutes {

    private static final UUID LINK_USER = new UUID(0, 0);

    private final BusCalls bus;
    private final BlobStore store;
    private final StoreDownloads downloads;
    private final DownloadLinks links;
    private final Duration linkTtl;
    private final Clock clock;

    ExportRoutes(BusCalls bus, BlobStore store, StoreDownloads downloads, DownloadLinks links, Duration linkTtl, Clock clock) {
        this.bus = bus;
        this.store = store;
        this.downloads = downloads;
        this.links = links;
        this.linkTtl = linkTtl;
        this.clock = clock;
    }

    void start(RoutingContext ctx) {
        bus.request(Addresses.EXPORT_START, Requests.caller(ctx), ImportRoutes.jsonBody(ctx))
                .onSuccess(job -> {
                    ctx.response().putHeader("Location", "/api/contacts/export/" + job.getString("jobId"));
                    Requests.json(ctx, 202, job);
                })
                .onFailure(ctx::fail);
    }

    void get(RoutingContext ctx) {
        job(ctx, Requests.caller(ctx), ctx.pathParam("jobId"))
                .onSuccess(job -> Requests.json(ctx, 200, publicView(job)))
                .onFailure(ctx::fail);
    }

    void list(RoutingContext ctx) {
        PageRequest page = PageRequest.of(ctx);
        JsonObject body = new JsonObject().put("limit", page.limit()).put("cursor", ctx.queryParams().get("cursor"));
        bus.request(Addresses.EXPORT_LIST, Requests.caller(ctx), body)
                .onSuccess(list -> Requests.json(ctx, 200, list))
                .onFailure(ctx::fail);
    }

    /** {@code {"downloadUrl", "expiresAt"}}: 409 until completed, 410 once the file expired. */
    void link(RoutingContext ctx) {
        Caller caller = Requests.caller(ctx);
        job(ctx, caller, ctx.pathParam("jobId"))
                .map(this::downloadable)
                .compose(job -> {
                    Instant expires = clock.instant().plus(linkTtl);
                    String key = store.keyOf(job.getString("fileUrl")).orElseThrow();
                    return store.presignedGetUrl(key, linkTtl).map(presigned -> new JsonObject()
                            .put("downloadUrl", presigned.orElseGet(() -> absolute(ctx,
                                    links.path(caller.tenantId(), UUID.fromString(job.getString("id")), expires))))
                            .put("expiresAt", expires.toString()));
                })
                .onSuccess(answer -> Requests.json(ctx, 200, answer))
                .onFailure(ctx::fail);
    }

    /** The signed link itself: no bearer token; an expired or altered link is refused. */
    void download(RoutingContext ctx) {
        Optional<UUID> tenant = Authentication.parseUuid(String.valueOf(ctx.queryParams().get("tenant")));
        Optional<UUID> jobId = Authentication.parseUuid(ctx.pathParam("jobId"));
        long expires = parseLong(ctx.queryParams().get("expires"));
        if (tenant.isEmpty() || jobId.isEmpty() || !links.verify(tenant.get(), jobId.get(), expires,
                ctx.queryParams().get("signature"))) {
            ctx.fail(new ApiError(403, "forbidden", "this download link is not valid"));
            return;
        }
        if (clock.instant().getEpochSecond() > expires) {
            ctx.fail(new ApiError(410, "gone", "this download link has expired; ask for a new one"));
            return;
        }
        Caller linkCaller = new Caller(tenant.get(), LINK_USER, Optional.empty());
        job(ctx, linkCaller, jobId.get().toString())
                .map(this::downloadable)
                .compose(job -> {
                    String key = store.keyOf(job.getString("fileUrl")).orElseThrow();
                    String name = key.substring(key.lastIndexOf('/') + 1);
                    ctx.response().putHeader("Content-Type", contentType(job.getString("fileFormat")))
                            .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
                    return downloads.send(key, ctx.response());
                })
                .onFailure(ctx::fail);
    }

    private Future<JsonObject> job(RoutingContext ctx, Caller caller, String jobId) {
        return bus.request(Addresses.EXPORT_GET, caller, new JsonObject().put("jobId", jobId));
    }

    private JsonObject downloadable(JsonObject job) {
        String status = job.getString("status");
        if ("expired".equals(status) || job.getString("expiresAt") != null
                && Instant.parse(job.getString("expiresAt")).isBefore(clock.instant())) {
            throw new ApiError(410, "gone", "this export has expired and its file was deleted");
        }
        if (!"completed".equals(status)) {
            throw ApiError.conflict("this export is " + status + "; its file is ready once it is completed");
        }
        return job;
    }

    private static JsonObject publicView(JsonObject job) {
        JsonObject view = job.copy();
        view.remove("fileUrl");
        view.remove("tenantId");
        return view;
    }

    private static String absolute(RoutingContext ctx, String path) {
        String host = ctx.request().authority() == null ? "127.0.0.1" : ctx.request().authority().toString();
        return ctx.request().scheme() + "://" + host + path;
    }

    private static String contentType(String format) {
        return switch (format) {
            case "csv" -> "text/csv; charset=utf-8";
            case "json" -> "application/json; charset=utf-8";
            default -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        };
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
