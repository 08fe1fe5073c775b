package io.porter;

import io.porter.tenancy.Caller;
import io.porter.testing.Await;
import io.porter.testing.Tokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Watches an import by asking the http node for it every 200 ms while a test waits. A request that
 * fails (a node of the cluster just died and the bus has not noticed yet) is a state not seen.
 */
final class PollingProgressWatch implements ProgressWatch {

    private final WebClient client;
    private final int port;
    private final Caller caller;
    private final String jobId;
    private final List<JsonObject> seen = new CopyOnWriteArrayList<>();

    PollingProgressWatch(WebClient client, int port, Caller caller, String jobId) {
        this.client = client;
        this.port = port;
        this.caller = caller;
        this.jobId = jobId;
    }

    @Override
    public JsonObject await(Predicate<JsonObject> condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject state = poll();
            if (state != null && condition.test(state)) {
                return state;
            }
            Await.sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("not seen within " + within + "; last states: "
                + seen.subList(Math.max(0, seen.size() - 3), seen.size()));
    }

    @Override
    public List<JsonObject> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        // nothing held between polls
    }

    private JsonObject poll() {
        HttpResponse<Buffer> response;
        try {
            response = Await.result(client.get(port, "127.0.0.1", "/api/contacts/import/" + jobId)
                    .putHeader("Authorization", "Bearer " + Tokens.valid(caller)).timeout(10_000).send());
        } catch (RuntimeException e) {
            return null;
        }
        if (response.statusCode() != 200) {
            return null;
        }
        JsonObject job = response.bodyAsJsonObject();
        JsonObject state = new JsonObject()
                .put("status", job.getString("status"))
                .put("processedRows", job.getLong("processedRows"))
                .put("created", job.getLong("createdCount"))
                .put("updated", job.getLong("updatedCount"))
                .put("skipped", job.getLong("skippedCount"))
                .put("errors", job.getLong("errorCount"));
        seen.add(state);
        return state;
    }
}
