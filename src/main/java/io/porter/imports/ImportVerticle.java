package io.porter.imports;

import io.porter.config.PorterConfig;
import io.porter.database.DatabaseUrl;
import io.porter.database.Pools;
import io.porter.imports.writing.ContactWriter;
import io.porter.imports.writing.ImportPreparation;
import io.porter.jobs.Addresses;
import io.porter.jobs.BusEndpoints;
import io.porter.jobs.BusRequest;
import io.porter.jobs.JobQueue;
import io.porter.jobs.JobWorker;
import io.porter.storage.BlobStore;
import io.porter.storage.BlobStores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The import role: answers import requests on the bus and runs import and rollback jobs from the
 * queue. Files are read by {@link ParseVerticle}, deployed beside it on the same node.
 */
public class ImportVerticle extends VerticleBase {

    /** Rows per batch: one transaction each. Sizes from 1,000 to 5,000 measured alike (issue 6). */
    public static final int BATCH_SIZE = 2000;

    private final PorterConfig config;
    private final DatabaseUrl databaseUrl;
    private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
    private Pool pool;
    private WorkerExecutor parsers;
    private JobWorker worker;

    public ImportVerticle(PorterConfig config, DatabaseUrl databaseUrl) {
        this.config = config;
        this.databaseUrl = databaseUrl;
    }

    @Override
    public Future<?> start() {
        pool = Pools.create(vertx, databaseUrl, config.database().poolSize());
        BlobStore store = BlobStores.create(vertx, config.storage());
        parsers = vertx.createSharedWorkerExecutor("porter-parsers", config.jobs().workers());
        JobQueue queue = new JobQueue(vertx, pool);
        ImportJobs jobs = new ImportJobs(pool);
        ImportProgress progress = new ImportProgress(vertx);
        ImportService service = new ImportService(pool, jobs, queue, store, parsers, vertx.eventBus(), progress);
        ImportHandler imports = new ImportHandler(jobs, store, vertx.eventBus(), progress, new ContactWriter(),
                new ImportPreparation(), parsers);
        RollbackHandler rollbacks = new RollbackHandler(pool, jobs, progress);
        RollbackService rollbackService = new RollbackService(pool, jobs, queue);

        consume(Addresses.IMPORT_START, service::start);
        consume(Addresses.IMPORT_PREVIEW, service::preview);
        consume(Addresses.IMPORT_GET, service::get);
        consume(Addresses.IMPORT_STATE, service::state);
        consume(Addresses.IMPORT_LIST, service::list);
        consume(Addresses.IMPORT_CANCEL, service::cancel);
        consume(Addresses.IMPORT_ROLLBACK, rollbackService::request);
        consume(Addresses.IMPORT_ERROR_REPORT, new ErrorReports(pool, store, jobs)::write);

        String owner = "import:" + UUID.randomUUID();
        worker = new JobWorker(vertx, queue, config.jobs(), owner, List.of(imports, rollbacks));
        List<Future<?>> ready = new ArrayList<>();
        consumers.forEach(consumer -> ready.add(consumer.completion()));
        ready.add(worker.start());
        return Future.all(ready);
    }

    private void consume(String address, Function<BusRequest, Future<JsonObject>> handler) {
        consumers.add(BusEndpoints.serve(vertx, address, handler));
    }

    @Override
    public Future<?> stop() {
        Future<Void> stopped = worker == null ? Future.succeededFuture() : worker.stop();
        return stopped.eventually(() -> parsers == null ? Future.succeededFuture() : parsers.close())
                .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
    }
}
