package io.porter.imports;

import io.porter.tenancy.Caller;
import io.porter.testing.Await;
import io.porter.testing.TestNode;
import io.porter.testing.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.time.Duration;
import java.util.Set;

/** The HTTP calls an import test makes, as one tenant. */
final class ApiClient {

    static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled", "rolled_back");

    private final WebClient client;
    private final int port;
    private final Caller caller;

    ApiClient(Vertx vertx, TestNode node, Caller caller) {
        this.client = WebClient.create(vertx);
        this.port = node.port();
        this.caller = caller;
    }

    Caller caller() {
        return caller;
    }

    String upload(String fileName, byte[] content) {
        HttpResponse<Buffer> response = Await.result(client.post(port, "127.0.0.1", "/api/uploads")
                .addQueryParam("fileName", fileName)
                .putHeader("Authorization", bearer())
                .sendBuffer(Buffer.buffer(content)));
        if (response.statusCode() != 201) {
            throw new AssertionError("upload failed: " + response.statusCode() + " " + response.bodyAsString());
        }
        return response.bodyAsJsonObject().getString("fileUrl");
    }

    HttpResponse<Buffer> post(String path, JsonObject body) {
        return Await.result(client.post(port, "127.0.0.1", path).putHeader("Authorization", bearer()).sendJsonObject(body));
    }

    HttpResponse<Buffer> get(String path) {
        return Await.result(client.get(port, "127.0.0.1", path).putHeader("Authorization", bearer()).send());
    }

    /** Starts an import of the given file and waits for its terminal state. */
    JsonObject importFile(String fileName, byte[] content, JsonObject options) {
        String fileUrl = upload(fileName, content);
        HttpResponse<Buffer> started = post("/api/contacts/import",
                new JsonObject().put("fileName", fileName).put("fileUrl", fileUrl).put("options", options));
        if (started.statusCode() != 202) {
            throw new AssertionError("import not accepted: " + started.statusCode() + " " + started.bodyAsString());
        }
        return awaitJob(started.bodyAsJsonObject().getString("jobId"), TERMINAL);
    }

    JsonObject awaitJob(String jobId, Set<String> states) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonObject job = null;
        while (System.nanoTime() < deadline) {
            job = get("/api/contacts/import/" + jobId).bodyAsJsonObject();
            if (states.contains(job.getString("status"))) {
                return job;
            }
            Await.sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("job did not reach " + states + ": " + job);
    }

    JsonArray contacts(String query) {
        return get("/api/contacts?limit=500" + (query.isEmpty() ? "" : "&" + query)).bodyAsJsonObject().getJsonArray("items");
    }

    JsonObject contactByEmail(String email) {
        JsonArray found = contacts("email=" + email);
        if (found.size() != 1) {
            throw new AssertionError("expected one contact " + email + ", found " + found);
        }
        return found.getJsonObject(0);
    }

    private String bearer() {
        return "Bearer " + Tokens.valid(caller);
    }
}
