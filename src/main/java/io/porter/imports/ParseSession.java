package io.porter.imports;

import io.porter.jobs.BusErrors;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The importer's side of a parse session: asks the parser for batches. It keeps one request ahead,
 * so the parser reads batch n+1 while batch n is written, and never more, so memory stays at two
 * batches whatever the file's size.
 */
final class ParseSession {

    private static final DeliveryOptions TIMEOUT = new DeliveryOptions().setSendTimeout(120_000);

    private final EventBus bus;
    private final String address;
    private final List<String> headers;
    private Future<RowBatch> ahead;

    private ParseSession(EventBus bus, String address, List<String> headers) {
        this.bus = bus;
        this.address = address;
        this.headers = headers;
    }

    static Future<ParseSession> open(EventBus bus, String fileKey, String fileType, String sheet, long skipRows) {
        JsonObject request = new JsonObject().put("fileKey", fileKey).put("fileType", fileType).put("sheet", sheet)
                .put("skipRows", skipRows);
        return bus.<JsonObject>request(ParseVerticle.OPEN, request, TIMEOUT)
                .recover(ParseSession::asFileProblem)
                .map(reply -> new ParseSession(bus, reply.body().getString("session"),
                        reply.body().getJsonArray("headers").stream().map(String::valueOf).toList()));
    }

    List<String> headers() {
        return headers;
    }

    /** The next batch; a batch with {@code last} set ends the file. */
    Future<RowBatch> next() {
        Future<RowBatch> current = ahead != null ? ahead : request();
        ahead = null;
        return current.onSuccess(batch -> {
            if (!batch.last()) {
                ahead = request();
            }
        });
    }

    Future<Void> close() {
        Future<?> pending = ahead == null ? Future.succeededFuture() : ahead.otherwiseEmpty();
        return pending.compose(v -> bus.request(address, null, new DeliveryOptions(TIMEOUT).addHeader(ParseVerticle.CLOSE_HEADER, "")))
                .otherwiseEmpty()
                .mapEmpty();
    }

    private Future<RowBatch> request() {
        return bus.<RowBatch>request(address, null, TIMEOUT).recover(ParseSession::asFileProblem).map(reply -> reply.body());
    }

    /** A file the parser cannot read fails the import as a whole, with the parser's message. */
    private static <T> Future<T> asFileProblem(Throwable failure) {
        if (failure instanceof ReplyException reply && reply.failureCode() == BusErrors.BAD_REQUEST) {
            return Future.failedFuture(new io.porter.imports.parsing.FileFormatException(reply.getMessage()));
        }
        if (failure instanceof ReplyException reply && reply.failureCode() == BusErrors.NOT_FOUND) {
            return Future.failedFuture(new io.porter.storage.ObjectNotFoundException(reply.getMessage()));
        }
        return Future.failedFuture(failure);
    }
}
