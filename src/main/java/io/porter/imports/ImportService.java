package io.porter.imports;

import io.porter.database.PageCursor;
import io.porter.imports.mapping.FieldMapping;
import io.porter.imports.parsing.FileFormatException;
import io.porter.imports.parsing.FileType;
import io.porter.imports.parsing.FileTypes;
import io.porter.jobs.BusErrors;
import io.porter.jobs.BusRequest;
import io.porter.jobs.JobQueue;
import io.porter.jobs.NewJob;
import io.porter.storage.BlobStore;
import io.porter.storage.FileUrls;
import io.porter.storage.IllegalFileUrlException;
import io.porter.storage.ObjectNotFoundException;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.io.InputStream;
import java.util.UUID;

/** Answers the import requests of the event bus (HTTP API and services in the cluster alike). */
final class ImportService {

    private static final int SNIFF_BYTES = 4096;

    private final Pool pool;
    private final ImportJobs jobs;
    private final JobQueue queue;
    private final BlobStore store;
    private final WorkerExecutor parsers;
    private final EventBus bus;
    private final ImportProgress progress;

    ImportService(Pool pool, ImportJobs jobs, JobQueue queue, BlobStore store, WorkerExecutor parsers, EventBus bus,
                  ImportProgress progress) {
        this.bus = bus;
        this.progress = progress;
        this.pool = pool;
        this.jobs = jobs;
        this.queue = queue;
        this.store = store;
        this.parsers = parsers;
    }

    Future<JsonObject> start(BusRequest request) {
        JsonObject body = request.body();
        String fileName = requiredText(body, "fileName");
        String fileUrl = requiredText(body, "fileUrl");
        ImportOptions options = ImportOptions.fromRequest(body);
        JsonObject mapping = mapping(body);
        String explicitType = body.getValue("fileType") == null ? null : requiredText(body, "fileType");
        return resolve(fileUrl, request.tenantId())
                .compose(key -> store.head(key).compose(info -> fileType(key, explicitType, fileName)
                        .compose(type -> createJob(request, fileName, fileUrl, info.map(i -> i.size()).orElse(null),
                                type, mapping, options))))
                .map(ImportJob::acceptedJson);
    }

    Future<JsonObject> preview(BusRequest request) {
        String fileUrl = requiredText(request.body(), "fileUrl");
        String explicitType = request.body().getValue("fileType") == null ? null : requiredText(request.body(), "fileType");
        return resolve(fileUrl, request.tenantId())
                .compose(key -> store.head(key).compose(info -> fileType(key, explicitType, key)
                        .compose(type -> bus.<JsonObject>request(ParseVerticle.PREVIEW, new JsonObject()
                                .put("fileKey", key).put("fileType", type.jsonName())
                                .put("fileSize", info.map(i -> i.size()).orElse(-1L))))))
                .map(reply -> reply.body());
    }

    Future<JsonObject> get(BusRequest request) {
        return jobs.find(request.tenantId(), jobId(request.body()))
                .map(found -> found.orElseThrow(() -> BusErrors.notFound("import job")).toJson());
    }

    /** The job as a progress message: where a progress listener starts. */
    Future<JsonObject> state(BusRequest request) {
        return jobs.find(request.tenantId(), jobId(request.body()))
                .map(found -> found.orElseThrow(() -> BusErrors.notFound("import job")).progressJson());
    }

    Future<JsonObject> list(BusRequest request) {
        int limit = request.limit();
        PageCursor after = request.cursor();
        return jobs.page(request.tenantId(), after == null ? null : after.createdAt(), after == null ? null : after.id(),
                limit + 1)
                .map(rows -> PageCursor.page(rows, limit, ImportJob::toJson, ImportJob::createdAt, ImportJob::id));
    }

    /**
     * Cancels the queued run first: that waits for a batch in flight to commit (it holds the run's
     * row) and fences off the next one, so the counts the job keeps, and whether it can be rolled
     * back, include everything that was written. The run on whichever node stops at its next batch
     * without announcing anything, so the cancelled state is announced here, once.
     */
    Future<JsonObject> cancel(BusRequest request) {
        UUID id = jobId(request.body());
        return jobs.find(request.tenantId(), id)
                .map(found -> found.orElseThrow(() -> BusErrors.notFound("import job")))
                .compose(job -> queue.cancelSubject(request.tenantId(), id, ImportHandler.KIND))
                .compose(stopped -> jobs.cancel(request.tenantId(), id))
                .compose(cancelled -> cancelled.isEmpty()
                        ? Future.failedFuture(BusErrors.conflict("only a pending or processing import can be cancelled"))
                        : Future.succeededFuture(cancelled.get()))
                .onSuccess(progress::finished)
                .map(ImportJob::toJson);
    }

    private Future<ImportJob> createJob(BusRequest request, String fileName, String fileUrl, Long size, FileType type,
                                        JsonObject mapping, ImportOptions options) {
        UUID id = UUID.randomUUID();
        return pool.withTransaction(tx -> jobs.insert(tx, id, request.tenantId(), request.workspaceId().orElse(null),
                        fileName, size, fileUrl, type.jsonName(), mapping, options.toJson(), request.userId())
                .compose(job -> queue.enqueue(tx, NewJob.forTenant(ImportHandler.KIND, request.tenantId(), new JsonObject())
                        .withSubject(id)).map(job)))
                .onSuccess(job -> queue.notifyQueued(ImportHandler.KIND));
    }

    private Future<String> resolve(String fileUrl, UUID tenantId) {
        return FileUrls.resolve(store, fileUrl, tenantId).recover(failure -> {
            if (failure instanceof IllegalFileUrlException) {
                return Future.failedFuture(BusErrors.badRequest(failure.getMessage()));
            }
            if (failure instanceof ObjectNotFoundException) {
                return Future.failedFuture(BusErrors.notFound("file"));
            }
            return Future.failedFuture(failure);
        });
    }

    /** The explicit type, else the file name's, else the content's first bytes: never assumed. */
    private Future<FileType> fileType(String key, String explicitType, String fileName) {
        return store.openInputStream(key).compose(in -> parsers.executeBlocking(() -> {
            try (InputStream stream = in) {
                return FileTypes.decide(explicitType, fileName, stream.readNBytes(SNIFF_BYTES));
            }
        }, false)).recover(ImportService::asBadRequest);
    }

    private static JsonObject mapping(JsonObject body) {
        Object value = body.getValue("fieldMapping");
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonObject json)) {
            throw BusErrors.badRequest("fieldMapping must be an object {\"<column>\": \"<field>\"}");
        }
        try {
            return FieldMapping.fromJson(json).toJson();
        } catch (IllegalArgumentException e) {
            throw BusErrors.badRequest(e.getMessage());
        }
    }

    private static <T> Future<T> asBadRequest(Throwable failure) {
        if (failure instanceof FileFormatException || failure instanceof IllegalArgumentException) {
            return Future.failedFuture(BusErrors.badRequest(failure.getMessage()));
        }
        return Future.failedFuture(failure);
    }

    static UUID jobId(JsonObject body) {
        try {
            return UUID.fromString(body.getString("jobId"));
        } catch (RuntimeException e) {
            throw BusErrors.notFound("import job");
        }
    }

    private static String requiredText(JsonObject body, String key) {
        Object value = body.getValue(key);
        if (!(value instanceof String text) || text.isBlank()) {
            throw BusErrors.badRequest(key + " is required (a string)");
        }
        return text.trim();
    }
}
