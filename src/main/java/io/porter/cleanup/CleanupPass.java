package io.porter.cleanup;

import io.porter.jobs.JobContext;
import io.porter.jobs.JobHandler;
import io.porter.storage.BlobStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One cleanup pass, run as a queued job so that it runs once per cluster: deletes the files of
 * exports whose link time is over and marks them {@code expired}, then deletes uploads older than
 * the retention that no unfinished import uses. It works across all tenants (it is the system's own
 * housekeeping, not a caller's request), in batches.
 */
final class CleanupPass implements JobHandler {

    static final String KIND = "cleanup";
    private static final Logger log = LoggerFactory.getLogger(CleanupPass.class);
    private static final int BATCH = 500;

    private static final String EXPIRED_EXPORTS = """
            SELECT id, file_url FROM export_jobs
            WHERE status = 'completed' AND expires_at <= $1
            ORDER BY expires_at LIMIT $2""";
    private static final String MARK_EXPIRED = """
            UPDATE export_jobs SET status = 'expired', file_url = NULL WHERE id = ANY($1::uuid[]) AND status = 'completed'""";
    private static final String OLD_UPLOADS = """
            SELECT u.id, u.file_url FROM uploads u
            WHERE u.created_at <= $1
              AND NOT EXISTS (SELECT 1 FROM import_jobs j
                              WHERE j.file_url = u.file_url AND j.status IN ('pending', 'processing', 'rolling_back'))
            ORDER BY u.created_at LIMIT $2""";
    private static final String DELETE_UPLOADS = "DELETE FROM uploads WHERE id = ANY($1::uuid[])";

    private final Pool pool;
    private final BlobStore store;
    private final Clock clock;
    private final Duration uploadRetention;

    CleanupPass(Pool pool, BlobStore store, Clock clock, Duration uploadRetention) {
        this.pool = pool;
        this.store = store;
        this.clock = clock;
        this.uploadRetention = uploadRetention;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Future<Void> run(JobContext ctx) {
        Instant now = clock.instant();
        return sweep(EXPIRED_EXPORTS, MARK_EXPIRED, now, 0)
                .compose(exports -> sweep(OLD_UPLOADS, DELETE_UPLOADS, now.minus(uploadRetention), 0)
                        .compose(uploads -> ctx.commitUnit(tx -> Future.succeededFuture(new JsonObject()
                                        .put("expiredExports", exports).put("deletedUploads", uploads)), result -> result)
                                .onSuccess(result -> log.atInfo().addKeyValue("jobId", ctx.job().id())
                                        .addKeyValue("expiredExports", exports).addKeyValue("deletedUploads", uploads)
                                        .log("cleanup pass done"))))
                .mapEmpty();
    }

    /** Deletes the files of one batch, then records them gone; repeats until a batch comes back short. */
    private Future<Integer> sweep(String select, String record, Instant cutoff, int doneSoFar) {
        return pool.preparedQuery(select).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), BATCH))
                .compose(rows -> deleteFiles(rows).compose(ids -> ids.isEmpty()
                        ? Future.succeededFuture(doneSoFar)
                        : pool.preparedQuery(record).execute(Tuple.of((Object) ids.toArray(new UUID[0])))
                        .compose(recorded -> rows.size() < BATCH
                                ? Future.succeededFuture(doneSoFar + ids.size())
                                : sweep(select, record, cutoff, doneSoFar + ids.size()))));
    }

    private Future<List<UUID>> deleteFiles(RowSet<Row> rows) {
        List<UUID> ids = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (Row row : rows) {
            UUID id = row.getUUID("id");
            String fileUrl = row.getString("file_url");
            chain = chain.compose(v -> fileUrl == null ? Future.succeededFuture()
                    : store.keyOf(fileUrl).map(store::delete).orElse(Future.succeededFuture()))
                    .onSuccess(v -> ids.add(id));
        }
        return chain.map(ids);
    }
}
