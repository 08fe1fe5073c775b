package io.porter.exports;

import io.porter.database.PageCursor;
import io.porter.exports.files.ExportColumns;
import io.porter.exports.filtering.ContactFilters;
import io.porter.exports.filtering.FilterException;
import io.porter.jobs.BusErrors;
import io.porter.jobs.BusRequest;
import io.porter.jobs.JobQueue;
import io.porter.jobs.NewJob;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Answers the export requests of the event bus: checks a request, records the job, queues it. */
final class ExportService {

    static final Set<String> FORMATS = Set.of("csv", "xlsx", "json");
    private static final String SEGMENT_EXISTS = "SELECT 1 FROM segments WHERE tenant_id = $1 AND id = $2";

    private final Pool pool;
    private final ExportJobs jobs;
    private final JobQueue queue;

    ExportService(Pool pool, ExportJobs jobs, JobQueue queue) {
        this.pool = pool;
        this.jobs = jobs;
        this.queue = queue;
    }

    Future<JsonObject> start(BusRequest request) {
        JsonObject body = request.body();
        String format = format(body);
        JsonObject filters = filters(body);
        List<String> selected = selectedFields(body);
        JsonObject options = new JsonObject()
                .put("includeCustomFields", bool(body, "includeCustomFields", false))
                .put("includeEngagementMetrics", bool(body, "includeEngagementMetrics", false))
                .put("csvSafe", bool(body, "csvSafe", true));
        UUID segmentId = segmentId(body);
        String type = segmentId != null ? "segment" : filters != null ? "filtered" : "full";
        UUID id = UUID.randomUUID();
        return checkSegment(request.tenantId(), segmentId)
                .compose(ok -> pool.withTransaction(tx -> jobs.insert(tx, id, request.tenantId(), type, filters,
                                selected == null ? null : new JsonArray(selected), format, segmentId, options, request.userId())
                        .compose(job -> queue.enqueue(tx, NewJob.forTenant(ExportHandler.KIND, request.tenantId(),
                                new JsonObject()).withSubject(id)).map(job))))
                .onSuccess(job -> queue.notifyQueued(ExportHandler.KIND))
                .map(job -> new JsonObject().put("jobId", job.id().toString()).put("status", job.status())
                        .put("exportType", job.exportType()));
    }

    Future<JsonObject> get(BusRequest request) {
        return jobs.find(request.tenantId(), jobId(request.body()))
                .map(found -> found.orElseThrow(() -> BusErrors.notFound("export job")).toInternalJson());
    }

    /** The job as a progress message: where a progress listener starts. */
    Future<JsonObject> state(BusRequest request) {
        return jobs.find(request.tenantId(), jobId(request.body()))
                .map(found -> found.orElseThrow(() -> BusErrors.notFound("export job")).progressJson());
    }

    Future<JsonObject> list(BusRequest request) {
        int limit = request.limit();
        PageCursor after = request.cursor();
        return jobs.page(request.tenantId(), after == null ? null : after.createdAt(), after == null ? null : after.id(),
                limit + 1)
                .map(rows -> PageCursor.page(rows, limit, ExportJob::toJson, ExportJob::createdAt, ExportJob::id));
    }

    private Future<Void> checkSegment(UUID tenantId, UUID segmentId) {
        if (segmentId == null) {
            return Future.succeededFuture();
        }
        return pool.preparedQuery(SEGMENT_EXISTS).execute(Tuple.of(tenantId, segmentId))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(BusErrors.notFound("segment")) : Future.succeededFuture());
    }

    private static String format(JsonObject body) {
        Object value = body.getValue("format");
        if (!(value instanceof String format) || !FORMATS.contains(format)) {
            throw BusErrors.badRequest("format must be csv, xlsx or json, got " + (value == null ? "nothing" : "'" + value + "'"));
        }
        return format;
    }

    private static JsonObject filters(JsonObject body) {
        Object value = body.getValue("filters");
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonObject filters)) {
            throw BusErrors.badRequest("filters must be an object");
        }
        try {
            ContactFilters.compile(filters, 3);
        } catch (FilterException e) {
            throw BusErrors.badRequest(e.getMessage());
        }
        return filters;
    }

    private static List<String> selectedFields(JsonObject body) {
        Object value = body.getValue("selectedFields");
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray array)) {
            throw BusErrors.badRequest("selectedFields must be an array of field names");
        }
        List<String> fields = new ArrayList<>();
        for (Object field : array) {
            if (!(field instanceof String name)) {
                throw BusErrors.badRequest("selectedFields must hold field names, got " + field);
            }
            fields.add(name);
        }
        try {
            ExportColumns.of(fields, false, List.of(), false);
        } catch (IllegalArgumentException e) {
            throw BusErrors.badRequest(e.getMessage());
        }
        return fields;
    }

    private static UUID segmentId(JsonObject body) {
        Object value = body.getValue("segmentId");
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw BusErrors.notFound("segment");
        }
    }

    private static boolean bool(JsonObject body, String key, boolean fallback) {
        Object value = body.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            throw BusErrors.badRequest(key + " must be true or false");
        }
        return b;
    }

    static UUID jobId(JsonObject body) {
        try {
            return UUID.fromString(body.getString("jobId"));
        } catch (RuntimeException e) {
            throw BusErrors.notFound("export job");
        }
    }
}
