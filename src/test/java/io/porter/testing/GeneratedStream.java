package io.porter.testing;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A stream of {@code size} deterministic bytes made on the fly, honouring back-pressure, so a test
 * can send hundreds of megabytes without ever holding them. Its SHA-256 is known when it ends.
 */
public final class GeneratedStream implements ReadStream<Buffer> {

    private static final int CHUNK = 64 * 1024;

    private final Context context;
    private final long size;
    private final MessageDigest digest;
    private long sent;
    private long demand = Long.MAX_VALUE;
    private boolean scheduled;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;

    public GeneratedStream(Vertx vertx, long size) {
        this.context = vertx.getOrCreateContext();
        this.size = size;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The byte at a position: cheap to recompute when checking what was stored. */
    public static byte byteAt(long position) {
        return (byte) ('a' + (position * 31 + position / 4096) % 26);
    }

    public String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }

    public long sent() {
        return sent;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        this.handler = handler;
        schedule();
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        this.endHandler = endHandler;
        return this;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        demand = 0;
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        return fetch(Long.MAX_VALUE);
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        demand = amount == Long.MAX_VALUE || demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
        schedule();
        return this;
    }

    private void schedule() {
        if (!scheduled && handler != null && demand > 0) {
            scheduled = true;
            context.runOnContext(v -> emit());
        }
    }

    private void emit() {
        scheduled = false;
        while (demand > 0 && sent < size && handler != null) {
            int length = (int) Math.min(CHUNK, size - sent);
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = byteAt(sent + i);
            }
            digest.update(bytes);
            sent += length;
            if (demand != Long.MAX_VALUE) {
                demand--;
            }
            handler.handle(Buffer.buffer(bytes));
            if (sent % (4 * CHUNK) == 0) {
                // Give the event loop a turn, so writes drain and pause() can take effect.
                schedule();
                return;
            }
        }
        if (sent >= size && endHandler != null) {
            Handler<Void> end = endHandler;
            endHandler = null;
            end.handle(null);
        }
    }
}
