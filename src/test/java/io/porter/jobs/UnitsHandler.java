package io.porter.jobs;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/**
 * A test handler that processes {@code units} units, each inserting one row into {@code test_units}
 * and committing {@code {"nextUnit": n}} in the same fenced transaction. {@code beforeUnit} lets a test
 * pause a worker at a chosen unit.
 */
final class UnitsHandler implements JobHandler {

    static final String KIND = "test-units";
    static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS test_units (job_id uuid, unit int, owner text)";

    private final int units;
    private final String owner;
    private final IntFunction<Future<Void>> beforeUnit;
    final List<Throwable> outcomes = new CopyOnWriteArrayList<>();
    /** "jobId: reason" for each job the queue gave up on. */
    final List<String> gaveUp = new CopyOnWriteArrayList<>();
    final Promise<Throwable> firstOutcome = Promise.promise();

    UnitsHandler(int units, String owner, IntFunction<Future<Void>> beforeUnit) {
        this.units = units;
        this.owner = owner;
        this.beforeUnit = beforeUnit;
    }

    UnitsHandler(int units, String owner) {
        this(units, owner, unit -> Future.succeededFuture());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Future<Void> gaveUp(Job job, String reason) {
        gaveUp.add(job.id() + ": " + reason);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> run(JobContext ctx) {
        int from = ctx.checkpoint() == null ? 0 : ctx.checkpoint().getInteger("nextUnit");
        return unitsFrom(ctx, from).andThen(outcome -> {
            outcomes.add(outcome.succeeded() ? Success.INSTANCE : outcome.cause());
            firstOutcome.tryComplete(outcome.cause());
        });
    }

    private Future<Void> unitsFrom(JobContext ctx, int unit) {
        if (unit >= units) {
            return Future.succeededFuture();
        }
        return beforeUnit.apply(unit)
                .compose(v -> ctx.commitUnit(tx -> tx.preparedQuery("INSERT INTO test_units (job_id, unit, owner) VALUES ($1, $2, $3)")
                                .execute(Tuple.of(ctx.job().id(), unit, owner)).map(unit + 1),
                        next -> new JsonObject().put("nextUnit", next)))
                .compose(next -> unitsFrom(ctx, next));
    }

    /** Marks a run that succeeded in {@link #outcomes}. */
    static final class Success extends RuntimeException {
        static final Success INSTANCE = new Success();

        private Success() {
            super("succeeded", null, false, false);
        }
    }
}
