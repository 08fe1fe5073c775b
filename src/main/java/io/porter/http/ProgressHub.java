package io.porter.http;

import io.porter.jobs.Addresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * This node's listener for progress published by any node of the cluster: one consumer per progress
 * address, handing each message to the streams watching that job. Lives on the HTTP verticle's
 * event loop, so its map needs no locking.
 */
final class ProgressHub {

    private final Map<String, Set<ProgressStream>> watching = new HashMap<>();
    private final MessageConsumer<JsonObject> imports;
    private final MessageConsumer<JsonObject> exports;

    ProgressHub(EventBus bus) {
        imports = bus.consumer(Addresses.IMPORT_PROGRESS, message -> dispatch(message.body()));
        exports = bus.consumer(Addresses.EXPORT_PROGRESS, message -> dispatch(message.body()));
    }

    /** Completes once both consumers are registered (cluster-wide when clustered). */
    Future<Void> ready() {
        return Future.all(imports.completion(), exports.completion()).mapEmpty();
    }

    void watch(ProgressStream stream) {
        watching.computeIfAbsent(stream.jobId(), id -> new LinkedHashSet<>()).add(stream);
    }

    void forget(ProgressStream stream) {
        Set<ProgressStream> streams = watching.get(stream.jobId());
        if (streams != null && streams.remove(stream) && streams.isEmpty()) {
            watching.remove(stream.jobId());
        }
    }

    int watchers() {
        return watching.values().stream().mapToInt(Set::size).sum();
    }

    private void dispatch(JsonObject message) {
        Set<ProgressStream> streams = watching.get(message.getString("jobId"));
        if (streams == null) {
            return;
        }
        for (ProgressStream stream : Set.copyOf(streams)) {
            stream.offer(message);
            if (stream.ended()) {
                forget(stream);
            }
        }
    }
}
