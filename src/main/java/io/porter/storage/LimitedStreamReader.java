package io.porter.storage;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Feeds a stream chunk by chunk to a sink, keeping the source paused while the sink is busy, and
 * stops reading once more than a limit of bytes has arrived.
 */
final class LimitedStreamReader {

    /** Takes one chunk; the returned future completes when the sink is ready for the next one. */
    interface ChunkSink {
        Future<Void> accept(Buffer chunk);
    }

    private final ReadStream<Buffer> source;
    private final long maxBytes;
    private final ChunkSink sink;
    private final Promise<Long> result = Promise.promise();
    private Future<Void> sinkReady = Future.succeededFuture();
    private long bytesRead;
    private Throwable failure;

    private LimitedStreamReader(ReadStream<Buffer> source, long maxBytes, ChunkSink sink) {
        this.source = source;
        this.maxBytes = maxBytes;
        this.sink = sink;
    }

    /** Answers the number of bytes read once the source ended and the sink took every chunk. */
    static Future<Long> readAll(ReadStream<Buffer> source, long maxBytes, ChunkSink sink) {
        return new LimitedStreamReader(source, maxBytes, sink).start();
    }

    private Future<Long> start() {
        try {
            source.exceptionHandler(this::fail);
            source.endHandler(ignored -> sinkReady.onSuccess(v -> {
                if (failure == null) {
                    result.tryComplete(bytesRead);
                }
            }));
            source.handler(this::onChunk);
            source.resume();
        } catch (IllegalStateException alreadyRead) {
            // A request body that was already consumed refuses new handlers.
            fail(alreadyRead);
        }
        return result.future();
    }

    private void onChunk(Buffer chunk) {
        if (failure != null) {
            return;
        }
        bytesRead += chunk.length();
        if (bytesRead > maxBytes) {
            fail(new ObjectTooLargeException(maxBytes));
            return;
        }
        sinkReady = sink.accept(chunk);
        if (sinkReady.failed()) {
            fail(sinkReady.cause());
        } else if (!sinkReady.isComplete()) {
            source.pause();
            sinkReady.onComplete(ready -> {
                if (ready.failed()) {
                    fail(ready.cause());
                } else if (failure == null) {
                    source.resume();
                }
            });
        }
    }

    /** Fails once the sink is idle, so that the caller's clean-up never races a running write. */
    private void fail(Throwable cause) {
        if (failure != null) {
            return;
        }
        failure = cause;
        source.pause();
        sinkReady.onComplete(ignored -> result.tryFail(failure));
    }
}
