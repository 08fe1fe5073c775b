package io.porter.exports;

import io.porter.config.PorterConfig;
import io.porter.database.DatabaseUrl;
import io.porter.database.Pools;
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
 * The export role: answers export requests on the bus and runs export jobs from the queue. File
 * writers and the JDBC COPY of CSV exports block, so they run on the named worker pool
 * {@code porter-export-writers}.
 */
public class ExportVerticle extends VerticleBase {


    private final PorterConfig config;
    private final DatabaseUrl databaseUrl;
    private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
    private Pool pool;
    private WorkerExecutor writers;
    private JobWorker worker;

    public ExportVerticle(PorterConfig config, DatabaseUrl databaseUrl) {
        this.config = config;
        this.databaseUrl = databaseUrl;
    }

    @Override
    public Future<?> start() {
        pool = Pools.create(vertx, databaseUrl, config.database().poolSize());
        BlobStore store = BlobStores.create(vertx, config.storage());
        writers = vertx.createSharedWorkerExecutor("porter-export-writers", config.jobs().workers());
        JobQueue queue = new JobQueue(vertx, pool);
        ExportJobs jobs = new ExportJobs(pool);
        ExportService service = new ExportService(pool, jobs, queue);
        // two parts of a CSV export run on two threads of the writers' pool at once, or not at all
        long copySplitContacts = config.jobs().workers() >= 2 ? config.exports().copySplitContacts() : Long.MAX_VALUE;
        ExportHandler handler = new ExportHandler(vertx, pool, databaseUrl, jobs, store, writers,
                config.exports().fileTtl(), copySplitContacts);

        consume(Addresses.EXPORT_START, service::start);
        consume(Addresses.EXPORT_GET, service::get);
        consume(Addresses.EXPORT_STATE, service::state);
        consume(Addresses.EXPORT_LIST, service::list);

        worker = new JobWorker(vertx, queue, config.jobs(), "export:" + UUID.randomUUID(), List.of(handler));
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
        return stopped.eventually(() -> writers == null ? Future.succeededFuture() : writers.close())
                .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
    }
}
