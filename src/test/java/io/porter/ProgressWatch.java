package io.porter;

import io.porter.tenancy.Caller;
import io.porter.testing.Await;
import io.porter.testing.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A WebSocket client of {@code GET /api/jobs/{jobId}/progress} on one http node: keeps every message
 * (the job's state first, then its progress messages), oldest first.
 */
final class ProgressWatch implements AutoCloseable {

    // held for the watch's life: Vert.x closes an unreferenced client, its connections too, when it is collected
    private final WebSocketClient client;
    private final WebSocket socket;
    private final List<JsonObject> seen;

    private ProgressWatch(WebSocketClient client, WebSocket socket, List<JsonObject> seen) {
        this.client = client;
        this.socket = socket;
        this.seen = seen;
    }

    static ProgressWatch connect(Vertx vertx, int port, Caller caller, String jobId) {
        List<JsonObject> seen = new CopyOnWriteArrayList<>();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                .setURI("/api/jobs/" + jobId + "/progress")
                .addHeader("Authorization", "Bearer " + Tokens.valid(caller));
        WebSocketClient client = vertx.createWebSocketClient();
        WebSocket socket = Await.result(client.connect(options).map(connected -> {
            connected.textMessageHandler(text -> seen.add(new JsonObject(text)));
            return connected;
        }));
        return new ProgressWatch(client, socket, seen);
    }

    /** Waits until the latest message passes {@code condition}; returns it. */
    JsonObject await(Predicate<JsonObject> condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject latest = seen.isEmpty() ? null : seen.get(seen.size() - 1);
            if (latest != null && condition.test(latest)) {
                return latest;
            }
            Await.sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("not seen within " + within + "; last messages: "
                + seen.subList(Math.max(0, seen.size() - 3), seen.size()));
    }

    List<JsonObject> seen() {
        return List.copyOf(seen);
    }

    /** The close code the server sent, or null while the socket is open. */
    Short closeStatus() {
        return socket.isClosed() ? socket.closeStatusCode() : null;
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            Await.result(socket.close());
        }
        Await.result(client.close());
    }
}
