package io.porter.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Brings AWS SDK futures back onto a Vert.x context, with the SDK's real exception as cause. */
final class S3Futures {

  private static final int NOT_FOUND = 404;

  private S3Futures() {
  }

  static <T> Future<T> onContext(CompletableFuture<T> call, Context context) {
    return Future.fromCompletionStage(call, context)
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
}
