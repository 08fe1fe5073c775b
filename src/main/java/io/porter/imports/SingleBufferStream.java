package io.porter.imports;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/** A read stream of one buffer, for small objects written through the streaming store API. */
final class SingleBufferStream implements ReadStream<Buffer> {

    private final Buffer buffer;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private boolean paused = true;
    private boolean done;

    SingleBufferStream(Buffer buffer) {
        this.buffer = buffer;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        this.handler = handler;
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        paused = true;
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        paused = false;
        emit();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        return amount > 0 ? resume() : this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        this.endHandler = endHandler;
        return this;
    }

    private void emit() {
        if (done || paused) {
            return;
        }
        done = true;
        if (handler != null) {
            handler.handle(buffer);
        }
        if (endHandler != null) {
            endHandler.handle(null);
        }
    }
}
