package io.porter.testing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Blocking waits for the test thread (never an event loop), so tests read top to bottom. */
public final class Await {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private Await() {
    }

    public static <T> T result(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException(failed.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("future did not complete in " + LIMIT, e);
        }
    }

    /** The failure of the future, or an AssertionError when it succeeds. */
    public static Throwable failure(Future<?> future) {
        Throwable failure = result(future.transform(outcome -> Future.succeededFuture(outcome.cause())));
        if (failure == null) {
            throw new AssertionError("expected the future to fail, but it succeeded");
        }
        return failure;
    }

    /** Runs the action on the context, as a request handler would, and answers its result. */
    public static <T> Future<T> onContext(Context context, Supplier<Future<T>> action) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> action.get().onComplete(promise));
        return promise.future();
    }

    /** Asks {@code probe} every 50 ms until its answer passes {@code done}; returns that answer. */
    public static <T> T eventually(Supplier<Future<T>> probe, Predicate<T> done, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = result(probe.get());
            if (done.test(last)) {
                return last;
            }
            sleep(Duration.ofMillis(50));
        }
        throw new AssertionError("not reached within " + within + "; last seen: " + last);
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
