package io.porter.imports;

import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;

import java.util.function.Function;

/** A read stream whose items are another stream's items turned by a function; back-pressure passes through. */
final class MappedReadStream<T, R> implements ReadStream<R> {

    private final ReadStream<T> source;
    private final Function<T, R> mapper;

    MappedReadStream(ReadStream<T> source, Function<T, R> mapper) {
        this.source = source;
        this.mapper = mapper;
    }

    @Override
    public ReadStream<R> exceptionHandler(Handler<Throwable> handler) {
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<R> handler(Handler<R> handler) {
        source.handler(handler == null ? null : item -> handler.handle(mapper.apply(item)));
        return this;
    }

    @Override
    public ReadStream<R> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<R> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<R> fetch(long amount) {
        source.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<R> endHandler(Handler<Void> endHandler) {
        source.endHandler(endHandler);
        return this;
    }
}
