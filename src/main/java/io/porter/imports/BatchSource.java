package io.porter.imports;

import io.porter.imports.mapping.RowValidator;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The file's batches, parsed and validated ahead of the writer: while the writer holds batch n and
 * plans n+1, batches n+2 to n+{@value #AHEAD} are being read and validated (the parser answers one
 * request at a time; validation runs on the worker pool). Memory stays at a handful of batches.
 */
final class BatchSource {

    private static final int AHEAD = 1;

    private final ParseSession session;
    private final RowValidator validator;
    private final WorkerExecutor validators;
    private final Deque<Future<ValidatedBatch>> queued = new ArrayDeque<>();
    private Future<RowBatch> lastRead;

    BatchSource(ParseSession session, RowValidator validator, WorkerExecutor validators) {
        this.session = session;
        this.validator = validator;
        this.validators = validators;
    }

    /** The next batch; the caller stops after the one marked last. */
    Future<ValidatedBatch> next() {
        fill();
        Future<ValidatedBatch> next = queued.poll();
        fill();
        return next;
    }

    private void fill() {
        while (queued.size() < AHEAD) {
            // Each read starts when the previous one answered; none after the last batch (null instead).
            Future<RowBatch> read = lastRead == null ? session.next()
                    : lastRead.compose(previous -> previous == null || previous.last() ? Future.succeededFuture() : session.next());
            lastRead = read;
            queued.add(read.compose(batch -> batch == null ? Future.succeededFuture()
                    : validators.executeBlocking(() -> ValidatedBatch.of(batch, validator))));
        }
    }
}
