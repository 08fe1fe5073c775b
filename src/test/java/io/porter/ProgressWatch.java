package io.porter;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a client watching one import on an http node has seen: states with the fields of a progress
 * message ({@code status}, {@code processedRows}, {@code created}, {@code updated}, {@code skipped},
 * {@code errors}), oldest first.
 */
interface ProgressWatch extends AutoCloseable {

    /** Waits for a state that passes {@code condition} and returns it. */
    JsonObject await(Predicate<JsonObject> condition, Duration within);

    List<JsonObject> seen();

    @Override
    void close();
}
