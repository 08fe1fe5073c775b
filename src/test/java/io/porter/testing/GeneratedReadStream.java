package io.porter.testing;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/**
 * Emits pseudo-random bytes in chunks on a Vert.x context, honouring pause, resume and fetch like
 * a request body does, so big uploads can be tested without holding them in memory. It starts
 * paused, and keeps a digest of what it emitted.
 */
public final class GeneratedReadStream implements ReadStream<Buffer> {

    private static final int CHUNK_SIZE = 64 * 1024;

    private final Context context;
    private final long totalBytes;
    private final long failAfterBytes;
    private final Random random = new Random(42);
    private final MessageDigest digest = sha256();
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;
    private long demand;
    private long emittedBytes;
    private int pauseCount;
    private boolean scheduled;
    private boolean finished;

    private GeneratedReadStream(Context context, long totalBytes, long failAfterBytes) {
        this.context = context;
        this.totalBytes = totalBytes;
        this.failAfterBytes = failAfterBytes;
    }

    public static GeneratedReadStream ofSize(Context context, long totalBytes) {
        return new GeneratedReadStream(context, totalBytes, Long.MAX_VALUE);
    }

    /**
     * A stream that reports an I/O error once it has emitted {@code failAfterBytes}, even while
     * paused, as a request whose connection drops does.
     */
    public static GeneratedReadStream failingAfter(Context context, long totalBytes, long failAfterBytes) {
        return new GeneratedReadStream(context, totalBytes, failAfterBytes);
    }

    public long emittedBytes() {
        return emittedBytes;
    }

    public int pauseCount() {
        return pauseCount;
    }

    public String sha256Hex() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public GeneratedReadStream exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }

    @Override
    public GeneratedReadStream handler(Handler<Buffer> handler) {
        this.handler = handler;
        return this;
    }

    @Override
    public GeneratedReadStream pause() {
        demand = 0;
        pauseCount++;
        if (emittedBytes >= failAfterBytes) {
            context.runOnContext(v -> breakDown());
        }
        return this;
    }

    @Override
    public GeneratedReadStream resume() {
        return fetch(Long.MAX_VALUE);
    }

    @Override
    public GeneratedReadStream fetch(long amount) {
        demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
        scheduleEmit();
        return this;
    }

    @Override
    public GeneratedReadStream endHandler(Handler<Void> endHandler) {
        this.endHandler = endHandler;
        return this;
    }

    private void scheduleEmit() {
        if (!scheduled && !finished && demand > 0) {
            scheduled = true;
            context.runOnContext(v -> {
                scheduled = false;
                emitOne();
            });
        }
    }

    private void emitOne() {
        if (finished || demand == 0) {
            return;
        }
        if (emittedBytes >= failAfterBytes) {
            breakDown();
            return;
        }
        if (emittedBytes == totalBytes) {
            finished = true;
            endHandler.handle(null);
            return;
        }
        if (demand != Long.MAX_VALUE) {
            demand--;
        }
        handler.handle(nextChunk());
        scheduleEmit();
    }

    private void breakDown() {
        if (!finished) {
            finished = true;
            exceptionHandler.handle(new IOException("Generated stream broke after " + emittedBytes + " bytes"));
        }
    }

    private Buffer nextChunk() {
        byte[] bytes = new byte[(int) Math.min(CHUNK_SIZE, totalBytes - emittedBytes)];
        random.nextBytes(bytes);
        digest.update(bytes);
        emittedBytes += bytes.length;
        return Buffer.buffer(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
