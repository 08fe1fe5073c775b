package io.porter.http;

import io.porter.storage.BlobStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Streams a stored object into an HTTP response: chunks are read on a worker thread (the store's
 * stream blocks) and written with back-pressure, so a large file never sits in memory.
 */
final class StoreDownloads {

    private static final int CHUNK = 64 * 1024;

    private final BlobStore store;
    private final WorkerExecutor readers;

    StoreDownloads(Vertx vertx, BlobStore store) {
        this.store = store;
        this.readers = vertx.createSharedWorkerExecutor("porter-downloads", 4);
    }

    Future<Void> send(String key, HttpServerResponse response) {
        return store.openInputStream(key).compose(in -> {
            response.setChunked(true);
            Promise<Void> done = Promise.promise();
            pump(in, response, done);
            return done.future().eventually(() -> readers.executeBlocking(() -> {
                in.close();
                return null;
            }));
        });
    }

    private void pump(InputStream in, HttpServerResponse response, Promise<Void> done) {
        readers.executeBlocking(() -> readChunk(in)).onComplete(read -> {
            if (read.failed()) {
                done.fail(read.cause());
            } else if (read.result() == null) {
                response.end().onComplete(done);
            } else {
                response.write(read.result());
                if (response.writeQueueFull()) {
                    response.drainHandler(v -> pump(in, response, done));
                } else {
                    pump(in, response, done);
                }
            }
        });
    }

    private static Buffer readChunk(InputStream in) {
        try {
            byte[] bytes = in.readNBytes(CHUNK);
            return bytes.length == 0 ? null : Buffer.buffer(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
