package io.porter.http;

import io.porter.jobs.Addresses;
import io.porter.tenancy.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/**
 * {@code GET /api/jobs/{jobId}/progress}: a WebSocket that streams one import, rollback or export job's
 * progress. The job is looked up (tenant-scoped) before the upgrade, so a foreign or unknown job is
 * a plain 404 and a bad token a 401; then the client gets the current state at once, each progress
 * message after it, and a close with code 1000 after the terminal one.
 */
final class ProgressRoutes {

    private final BusCalls bus;
    private final ProgressHub hub;

    ProgressRoutes(BusCalls bus, ProgressHub hub) {
        this.bus = bus;
        this.hub = hub;
    }

    /** First on the route: the upgrade happens after asynchronous checks, so the request must not end before. */
    static void holdRequest(RoutingContext ctx) {
        ctx.request().pause();
        ctx.next();
    }

    void watch(RoutingContext ctx) {
        if (!ctx.request().canUpgradeToWebSocket()) {
            ctx.fail(ApiError.badRequest("this endpoint is a WebSocket: send an upgrade request"));
            return;
        }
        Caller caller = Requests.caller(ctx);
        UUID jobId = Requests.pathId(ctx, "jobId", "job");
        // Watch before asking for the state: a message published meanwhile is kept, not lost.
        ProgressStream stream = new ProgressStream(jobId.toString(), caller.tenantId().toString());
        hub.watch(stream);
        currentState(caller, jobId)
                .compose(state -> ctx.request().toWebSocket().map(socket -> {
                    socket.closeHandler(v -> hub.forget(stream));
                    stream.open(socket, state);
                    return stream;
                }))
                .onSuccess(opened -> {
                    if (opened.ended()) {
                        hub.forget(opened);
                    }
                })
                .onFailure(failure -> {
                    hub.forget(stream);
                    ctx.fail(failure);
                });
    }

    /** The job is an import (or its rollback) or an export: ask the import role, then the export role. */
    private Future<JsonObject> currentState(Caller caller, UUID jobId) {
        JsonObject ref = new JsonObject().put("jobId", jobId.toString());
        return bus.request(Addresses.IMPORT_STATE, caller, ref)
                .recover(importFailure -> isAbsent(importFailure)
                        ? bus.request(Addresses.EXPORT_STATE, caller, ref)
                                .recover(exportFailure -> Future.failedFuture(worse(importFailure, exportFailure)))
                        : Future.failedFuture(importFailure));
    }

    /** Not this role's job, or no node runs this role: the other role may know it. */
    private static boolean isAbsent(Throwable failure) {
        return failure instanceof ApiError error && (error.status() == 404 || error.status() == 503);
    }

    /** When neither role knows the job, "not found" beats "unavailable" unless both are unavailable. */
    private static Throwable worse(Throwable importFailure, Throwable exportFailure) {
        if (exportFailure instanceof ApiError error && error.status() == 503 && isAbsent(importFailure)) {
            return importFailure;
        }
        return exportFailure;
    }
}
