package io.porter.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Starts AWS SDK requests off the event loop and brings their results back onto the caller's
 * context. The SDK does work on the calling thread before it goes async: it may fetch
 * credentials (instance metadata, files) and hashes the payload for signing, so an event loop
 * must not start the request itself.
 */
final class S3Calls implements AutoCloseable {

    private static final int NOT_FOUND = 404;
    private static final int STARTER_THREADS = 4;

    private final Vertx vertx;
    private final WorkerExecutor starters;

    S3Calls(Vertx vertx) {
        this.vertx = vertx;
        this.starters = vertx.createSharedWorkerExecutor("porter-s3-request-starters", STARTER_THREADS);
    }

    <T> Future<T> call(Supplier<CompletableFuture<T>> request) {
        Context context = vertx.getOrCreateContext();
        return starters.executeBlocking(request::get, false)
                .compose(started -> Future.fromCompletionStage(started, context))
                .recover(failure -> Future.failedFuture(unwrapped(failure)));
    }

    static boolean isNotFound(Throwable failure) {
        return unwrapped(failure) instanceof AwsServiceException aws && aws.statusCode() == NOT_FOUND;
    }

    private static Throwable unwrapped(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public void close() {
        starters.close();
    }
}
