package io.porter.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every message published on one address of a node's bus, for assertions about a job's messages. */
public final class BusRecorder implements AutoCloseable {

    private final MessageConsumer<JsonObject> consumer;
    private final List<JsonObject> messages = new CopyOnWriteArrayList<>();

    private BusRecorder(Vertx vertx, String address) {
        this.consumer = vertx.eventBus().consumer(address, message -> messages.add(message.body()));
    }

    /** Returns once the consumer is registered (cluster-wide when the bus is clustered). */
    public static BusRecorder listen(Vertx vertx, String address) {
        BusRecorder recorder = new BusRecorder(vertx, address);
        Await.result(recorder.consumer.completion());
        return recorder;
    }

    /** The messages about this job so far, in arrival order. */
    public List<JsonObject> about(String jobId) {
        return messages.stream().filter(m -> jobId.equals(m.getString("jobId"))).toList();
    }

    /** Waits until at least {@code count} messages about the job arrived; returns them all. */
    public List<JsonObject> awaitAbout(String jobId, int count, Duration within) {
        return Await.eventually(() -> Future.succeededFuture(about(jobId)), found -> found.size() >= count, within);
    }

    @Override
    public void close() {
        Await.result(consumer.unregister());
    }
}
