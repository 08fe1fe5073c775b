package io.porter.http;

import io.porter.storage.BlobStore;
import io.porter.storage.StoreKeys;
import io.porter.storage.Uploads;
import io.porter.tenancy.Caller;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;
import java.util.UUID;

/**
 * {@code POST /api/uploads}: the body (raw with {@code ?fileName=}, or the multipart field {@code file})
 * streams straight into the store, never whole in memory. Over the limit: 413 and nothing kept.
 */
final class UploadRoutes {

    private final BlobStore store;
    private final Uploads uploads;
    private final long maxBytes;

    UploadRoutes(BlobStore store, Uploads uploads, long maxBytes) {
        this.store = store;
        this.uploads = uploads;
        this.maxBytes = maxBytes;
    }

    static void pauseBody(RoutingContext ctx) {
        ctx.request().pause();
        ctx.next();
    }

    void create(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Caller caller = Requests.caller(ctx);
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && parseLength(declared) > maxBytes) {
            ctx.fail(tooLarge());
            return;
        }
        Requests.sendContinue(ctx); // a body declared over the limit was refused above, unsent

        // The request is still paused (pauseBody): the store resumes it when it is ready to write.
        Future<NamedStream> body = isMultipart(request) ? multipartFile(request) : rawBody(ctx);
        body.compose(named -> store(caller, named))
                .onSuccess(upload -> {
                    ctx.response().putHeader("Location", "/api/uploads/" + upload.id());
                    Requests.json(ctx, 201, upload.toJson());
                })
                .onFailure(ctx::fail);
    }

    void get(RoutingContext ctx) {
        Caller caller = Requests.caller(ctx);
        UUID id = Requests.pathId(ctx, "uploadId", "upload");
        uploads.find(caller.tenantId(), id)
                .map(found -> found.orElseThrow(() -> ApiError.notFound("upload")))
                .onSuccess(upload -> Requests.json(ctx, 200, upload.toJson()))
                .onFailure(ctx::fail);
    }

    void list(RoutingContext ctx) {
        Caller caller = Requests.caller(ctx);
        PageRequest page = PageRequest.of(ctx);
        uploads.page(caller.tenantId(), page.afterCreatedAt(), page.afterId(), page.limit() + 1)
                .onSuccess(rows -> Requests.json(ctx, 200,
                        page.answer(rows, Uploads.Upload::toJson, Uploads.Upload::createdAt, Uploads.Upload::id)))
                .onFailure(ctx::fail);
    }

    private record NamedStream(String fileName, ReadStream<Buffer> content) {
    }

    private Future<Uploads.Upload> store(Caller caller, NamedStream named) {
        UUID uploadId = UUID.randomUUID();
        String key = StoreKeys.uploadKey(caller.tenantId(), uploadId, named.fileName());
        String fileUrl = store.fileUrl(key);
        return store.put(key, named.content(), maxBytes)
                .recover(failure -> Future.failedFuture(
                        failure instanceof io.porter.storage.ObjectTooLargeException ? tooLarge() : failure))
                .compose(size -> uploads.insert(uploadId, caller.tenantId(), fileUrl, named.fileName(), size,
                                fileTypeOf(named.fileName()), caller.userId())
                        // A file whose record could not be written would be unreachable: do not keep it.
                        .recover(failure -> store.delete(key).transform(ignored -> Future.failedFuture(failure))));
    }

    private Future<NamedStream> rawBody(RoutingContext ctx) {
        String fileName = ctx.queryParams().get("fileName");
        if (fileName == null || fileName.isBlank()) {
            return Future.failedFuture(ApiError.badRequest(
                    "fileName query parameter is required for a raw upload (or send multipart/form-data with a 'file' field)"));
        }
        return Future.succeededFuture(new NamedStream(fileName.trim(), ctx.request()));
    }

    private Future<NamedStream> multipartFile(HttpServerRequest request) {
        Promise<NamedStream> file = Promise.promise();
        request.setExpectMultipart(true);
        request.uploadHandler(upload -> {
            if (!"file".equals(upload.name())) {
                upload.handler(ignored -> { }); // other file fields are read past, not kept
                return;
            }
            upload.pause();
            String name = upload.filename() == null || upload.filename().isBlank() ? "upload" : upload.filename();
            file.tryComplete(new NamedStream(name, upload));
        });
        request.endHandler(end -> file.tryFail(ApiError.badRequest("multipart body has no 'file' field")));
        request.exceptionHandler(file::tryFail);
        request.resume();
        return file.future();
    }

    private ApiError tooLarge() {
        return ApiError.payloadTooLarge("upload is larger than the limit of " + maxBytes + " bytes (PORTER_MAX_UPLOAD_BYTES)");
    }

    private static boolean isMultipart(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    private static long parseLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("Content-Length is not a number");
        }
    }

    /** csv for any delimited text, xlsx, json for arrays and newline-delimited JSON; null when unknown. */
    static String fileTypeOf(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        String extension = dot < 0 ? "" : lower.substring(dot + 1);
        return switch (extension) {
            case "csv", "tsv", "txt", "tab" -> "csv";
            case "xlsx" -> "xlsx";
            case "json", "ndjson", "jsonl" -> "json";
            default -> null;
        };
    }
}
