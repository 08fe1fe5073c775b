package io.porter.imports;

import io.porter.config.PorterConfig;
import io.porter.imports.parsing.FileFormatException;
import io.porter.imports.parsing.FileType;
import io.porter.imports.parsing.ParseLimits;
import io.porter.imports.parsing.Preview;
import io.porter.imports.parsing.Previews;
import io.porter.imports.parsing.RowReader;
import io.porter.imports.parsing.RowReaders;
import io.porter.jobs.BusErrors;
import io.porter.storage.BlobStore;
import io.porter.storage.BlobStores;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The parser: a worker verticle (its blocking reads run on the {@code porter-parsers} pool) that
 * opens a stored file and hands it out batch by batch on request. Each session answers only when
 * asked for the next batch, so the importer's pace is the parser's pace and memory stays flat.
 * Sessions and batches are local to the node.
 */
public class ParseVerticle extends VerticleBase {

    /** Local request: {@code {"fileKey", "fileType", "sheet"?, "skipRows"}}; reply {@code {"session", "headers"}}. */
    static final String OPEN = "porter.parse.open";
    /** Local request: {@code {"fileKey", "fileType", "fileSize"}}; reply: the preview JSON. */
    static final String PREVIEW = "porter.parse.preview";
    /** Header of a message to a session that closes it. */
    static final String CLOSE_HEADER = "close";

    private final PorterConfig config;
    private final int batchSize;
    private BlobStore store;
    private MessageConsumer<JsonObject> open;
    private MessageConsumer<JsonObject> preview;

    public ParseVerticle(PorterConfig config, int batchSize) {
        this.config = config;
        this.batchSize = batchSize;
    }

    /** Worker instances on the named pool {@code porter-parsers}, one per job a node runs at once. */
    public static DeploymentOptions deploymentOptions(PorterConfig config) {
        return new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
                .setWorkerPoolName("porter-parsers").setWorkerPoolSize(config.jobs().workers())
                .setInstances(config.jobs().workers());
    }

    @Override
    public Future<?> start() {
        store = BlobStores.create(vertx, config.storage());
        registerBatchCodec();
        open = vertx.eventBus().localConsumer(OPEN, this::open);
        preview = vertx.eventBus().localConsumer(PREVIEW, this::preview);
        return Future.all(open.completion(), preview.completion());
    }

    private void registerBatchCodec() {
        try {
            vertx.eventBus().registerCodec(new RowBatch.LocalCodec());
        } catch (IllegalStateException alreadyRegistered) {
            // another parser instance of this node registered it
        }
    }

    private void open(Message<JsonObject> request) {
        JsonObject body = request.body();
        store.openInputStream(body.getString("fileKey")).map(in -> {
                    RowReader reader = RowReaders.open(in, type(body), limits(), body.getString("sheet"));
                    long skip = body.getLong("skipRows", 0L);
                    for (long skipped = 0; skipped < skip && reader.next() != null; skipped++) {
                        // rows an earlier attempt already committed
                    }
                    return reader;
                })
                .compose(reader -> new Session(reader).register())
                .onSuccess(request::reply)
                .onFailure(failure -> fail(request, failure));
    }

    private void preview(Message<JsonObject> request) {
        JsonObject body = request.body();
        store.openInputStream(body.getString("fileKey")).map(in -> {
                    try (InputStream stream = in) {
                        return Previews.read(stream, body.getLong("fileSize", -1L), type(body), body.getString("sheet"));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .map(ParseVerticle::previewJson)
                .onSuccess(request::reply)
                .onFailure(failure -> fail(request, failure));
    }

    /** One open file, read a batch at a time as the importer asks. */
    private final class Session {
        private final RowReader reader;
        private final String address = "porter.parse.session." + UUID.randomUUID();
        private MessageConsumer<JsonObject> consumer;
        private RuntimeException brokenAt;

        Session(RowReader reader) {
            this.reader = reader;
        }

        Future<JsonObject> register() {
            consumer = vertx.eventBus().localConsumer(address, this::handle);
            return consumer.completion().map(v -> new JsonObject()
                    .put("session", address)
                    .put("headers", new JsonArray(reader.headers())))
                    .onFailure(failure -> reader.close());
        }

        private void handle(Message<JsonObject> request) {
            if (request.headers().contains(CLOSE_HEADER)) {
                close();
                request.reply(null);
                return;
            }
            if (brokenAt != null) {
                close();
                fail(request, brokenAt);
                return;
            }
            List<ParsedRow> rows = new ArrayList<>(batchSize);
            ParsedRow row = null;
            try {
                while (rows.size() < batchSize && (row = reader.next()) != null) {
                    rows.add(row);
                }
            } catch (RuntimeException failure) {
                if (rows.isEmpty()) {
                    close();
                    fail(request, failure);
                    return;
                }
                // The rows read before the break are sound: they go out now, the failure answers the next request.
                brokenAt = failure;
                row = rows.get(rows.size() - 1);
            }
            request.reply(new RowBatch(rows, reader.bytesRead(), row == null),
                    new io.vertx.core.eventbus.DeliveryOptions().setCodecName(RowBatch.LocalCodec.NAME));
        }

        private void close() {
            reader.close();
            consumer.unregister();
        }
    }

    private ParseLimits limits() {
        return new ParseLimits(config.imports().maxRows(), config.imports().maxColumns(), config.imports().maxCellChars());
    }

    private static FileType type(JsonObject body) {
        return FileType.valueOf(body.getString("fileType").toUpperCase(Locale.ROOT));
    }

    private static void fail(Message<?> request, Throwable failure) {
        if (failure instanceof FileFormatException || failure instanceof IllegalArgumentException) {
            request.fail(BusErrors.BAD_REQUEST, failure.getMessage());
        } else if (failure instanceof io.porter.storage.ObjectNotFoundException) {
            request.fail(BusErrors.NOT_FOUND, "file not found");
        } else {
            request.fail(BusErrors.INTERNAL, String.valueOf(failure.getMessage()));
        }
    }

    static JsonObject previewJson(Preview preview) {
        JsonArray samples = new JsonArray();
        preview.sampleRows().forEach(row -> samples.add(new JsonArray(row)));
        return new JsonObject()
                .put("fileType", preview.fileType().jsonName())
                .put("encoding", preview.encoding())
                .put("delimiter", preview.delimiter())
                .put("headers", new JsonArray(preview.headers()))
                .put("sampleRows", samples)
                .put("suggestedMapping", io.porter.imports.mapping.FieldMapping.suggest(preview.headers()).toJson())
                .put("estimatedRows", preview.estimatedRows());
    }
}
