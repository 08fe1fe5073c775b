package io.porter.jobs;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Blocking waits for the test thread (never an event loop), so tests read top to bottom. */
final class Awaits {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    private Awaits() {
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("future failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("future did not complete in " + LIMIT, e);
        }
    }

    static Throwable awaitFailure(Future<?> future) {
        Throwable failure = await(future.transform(outcome -> Future.succeededFuture(outcome.cause())));
        if (failure == null) {
            throw new AssertionError("expected the future to fail, but it succeeded");
        }
        return failure;
    }

    /** Asks {@code probe} every 50 ms until its answer passes {@code done}; returns that answer. */
    static <T> T eventually(Supplier<Future<T>> probe, Predicate<T> done, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = await(probe.get());
            if (done.test(last)) {
                return last;
            }
            sleep(Duration.ofMillis(50));
        }
        throw new AssertionError("not reached within " + within + "; last seen: " + last);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
