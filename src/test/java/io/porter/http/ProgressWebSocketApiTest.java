package io.porter.http;

import io.porter.tenancy.Caller;
import io.porter.testing.Await;
import io.porter.testing.TestDatabase;
import io.porter.testing.TestNode;
import io.porter.testing.Tokens;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Progress over WebSocket: the current state, live counts, the terminal state and a normal close")
class ProgressWebSocketApiTest {

    @RegisterExtension
    @Order(1)
    static final TestDatabase db = new TestDatabase();
    @RegisterExtension
    @Order(2)
    static final TestNode node = new TestNode(db);

    private static final int ROWS = 40_000;

    @Test
    @DisplayName("a watcher of a running import sees its state, then rising processedRows, then completed and close 1000")
    void watchesAnImportToTheEnd(Vertx vertx) {
        Caller caller = TestNode.newCaller();
        String jobId = startImport(vertx, caller, generatedCsv(ROWS));

        Watch watch = Await.result(watch(vertx, jobId, bearerHeader(caller)));
        Await.result(watch.closed);

        List<JsonObject> messages = watch.messages;
        assertThat(messages).hasSizeGreaterThanOrEqualTo(3);
        JsonObject first = messages.get(0);
        assertThat(first.getString("jobId")).isEqualTo(jobId);
        assertThat(first.getString("status")).isIn("pending", "processing");
        List<JsonObject> running = messages.subList(1, messages.size() - 1);
        assertThat(running).isNotEmpty().allSatisfy(m -> assertThat(m.getString("status")).isEqualTo("processing"));
        List<Long> counts = running.stream().map(m -> m.getLong("processedRows")).toList();
        assertThat(counts).isSorted().doesNotHaveDuplicates().allSatisfy(c -> assertThat(c).isBetween(1L, (long) ROWS));
        JsonObject last = messages.get(messages.size() - 1);
        assertThat(last.getString("status")).isEqualTo("completed");
        assertThat(last.getBoolean("terminal")).isTrue();
        assertThat(last.getLong("processedRows")).isEqualTo(ROWS);
        assertThat(last.getLong("created")).isEqualTo(ROWS);
        assertThat(last.getDouble("progress")).isEqualTo(1.0);
        assertThat(watch.socket.closeStatusCode()).isEqualTo((short) 1000);
    }

    @Test
    @DisplayName("a client that connects after the job ended gets the final state and the close, token in the query")
    void lateClientWithQueryToken(Vertx vertx) {
        Caller caller = TestNode.newCaller();
        String jobId = startImport(vertx, caller, generatedCsv(10));
        awaitImport(vertx, caller, jobId, "completed");

        WebSocketConnectOptions options = target(jobId).setURI("/api/jobs/" + jobId + "/progress?access_token=" + Tokens.valid(caller));
        Watch watch = Await.result(watch(vertx, options));
        Await.result(watch.closed);

        assertThat(watch.messages).hasSize(1);
        assertThat(watch.messages.get(0).getString("status")).isEqualTo("completed");
        assertThat(watch.messages.get(0).getLong("created")).isEqualTo(10);
        assertThat(watch.socket.closeStatusCode()).isEqualTo((short) 1000);
    }

    @Test
    @DisplayName("the token also works as the subprotocol pair 'bearer, <token>', and the server selects 'bearer'")
    void subprotocolToken(Vertx vertx) {
        Caller caller = TestNode.newCaller();
        String jobId = startImport(vertx, caller, generatedCsv(10));
        awaitImport(vertx, caller, jobId, "completed");

        WebSocketConnectOptions options = target(jobId).setSubProtocols(List.of("bearer", Tokens.valid(caller)));
        Watch watch = Await.result(watch(vertx, options));
        Await.result(watch.closed);

        assertThat(watch.socket.subProtocol()).isEqualTo("bearer");
        assertThat(watch.messages).extracting(m -> m.getString("status")).containsExactly("completed");
    }

    @Test
    @DisplayName("an export is watched the same way: its final state carries processedContacts and kind 'export'")
    void watchesAnExport(Vertx vertx) {
        Caller caller = TestNode.newCaller();
        awaitImport(vertx, caller, startImport(vertx, caller, generatedCsv(25)), "completed");
        HttpResponse<Buffer> started = Await.result(WebClient.create(vertx).post(node.port(), "127.0.0.1", "/api/contacts/export")
                .putHeader("Authorization", "Bearer " + Tokens.valid(caller))
                .sendJsonObject(new JsonObject().put("format", "csv")));
        assertThat(started.statusCode()).isEqualTo(202);
        String jobId = started.bodyAsJsonObject().getString("jobId");

        Watch watch = Await.result(watch(vertx, jobId, bearerHeader(caller)));
        Await.result(watch.closed);

        JsonObject last = watch.messages.get(watch.messages.size() - 1);
        assertThat(last.getString("kind")).isEqualTo("export");
        assertThat(last.getString("status")).isEqualTo("completed");
        assertThat(last.getLong("processedContacts")).isEqualTo(25);
        assertThat(watch.socket.closeStatusCode()).isEqualTo((short) 1000);
    }

    @Test
    @DisplayName("a rollback is watched on the import's id: rolling_back, then rolled_back and close 1000")
    void watchesARollback(Vertx vertx) {
        Caller caller = TestNode.newCaller();
        String jobId = startImport(vertx, caller, generatedCsv(5_000));
        awaitImport(vertx, caller, jobId, "completed");
        HttpResponse<Buffer> rollback = Await.result(WebClient.create(vertx)
                .post(node.port(), "127.0.0.1", "/api/contacts/import/" + jobId + "/rollback")
                .putHeader("Authorization", bearerHeader(caller)).send());
        assertThat(rollback.statusCode()).as(rollback.bodyAsString()).isEqualTo(202);

        Watch watch = Await.result(watch(vertx, jobId, bearerHeader(caller)));
        Await.result(watch.closed);

        List<String> statuses = watch.messages.stream().map(m -> m.getString("status")).toList();
        assertThat(statuses.get(statuses.size() - 1)).isEqualTo("rolled_back");
        assertThat(statuses.subList(0, statuses.size() - 1)).allMatch("rolling_back"::equals);
        assertThat(watch.socket.closeStatusCode()).isEqualTo((short) 1000);
    }

    @Test
    @DisplayName("a bad or missing token is refused with 401 before the upgrade")
    void badTokenRefused(Vertx vertx) {
        Caller caller = TestNode.newCaller();
        String jobId = startImport(vertx, caller, generatedCsv(10));

        assertThat(rejection(vertx, target(jobId).addHeader("Authorization", "Bearer " + Tokens.expired(caller)))).isEqualTo(401);
        assertThat(rejection(vertx, target(jobId).setURI("/api/jobs/" + jobId + "/progress?access_token="
                + Tokens.signedWith("another-secret-another-secret-another-secret", caller)))).isEqualTo(401);
        assertThat(rejection(vertx, target(jobId).setSubProtocols(List.of("bearer", Tokens.algNone(caller))))).isEqualTo(401);
        assertThat(rejection(vertx, target(jobId))).isEqualTo(401);
    }

    @Test
    @DisplayName("another tenant's job, or an unknown one, is a 404 before the upgrade")
    void foreignJobRefused(Vertx vertx) {
        Caller owner = TestNode.newCaller();
        String jobId = startImport(vertx, owner, generatedCsv(10));
        Caller stranger = TestNode.newCaller();

        assertThat(rejection(vertx, target(jobId).addHeader("Authorization", bearerHeader(stranger)))).isEqualTo(404);
        assertThat(rejection(vertx, target(UUID.randomUUID().toString()).addHeader("Authorization", bearerHeader(owner))))
                .isEqualTo(404);
        assertThat(rejection(vertx, target("not-a-uuid").addHeader("Authorization", bearerHeader(owner)))).isEqualTo(404);
    }

    @Test
    @DisplayName("a plain GET of the progress endpoint is a 400 that says to upgrade")
    void plainRequestIsBadRequest(Vertx vertx) {
        Caller caller = TestNode.newCaller();
        String jobId = startImport(vertx, caller, generatedCsv(10));
        HttpResponse<Buffer> response = Await.result(WebClient.create(vertx)
                .get(node.port(), "127.0.0.1", "/api/jobs/" + jobId + "/progress")
                .putHeader("Authorization", bearerHeader(caller)).send());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("message")).contains("WebSocket");
    }

    /**
     * Holds its client: Vert.x closes a client that is no longer referenced when the garbage collector finds
     * it, connections included, which once cut a handshake in progress.
     */
    private record Watch(WebSocketClient client, WebSocket socket, List<JsonObject> messages, Future<Void> closed) {
    }

    private static Future<Watch> watch(Vertx vertx, String jobId, String authorization) {
        return watch(vertx, target(jobId).addHeader("Authorization", authorization));
    }

    private static Future<Watch> watch(Vertx vertx, WebSocketConnectOptions options) {
        WebSocketClient client = vertx.createWebSocketClient();
        List<JsonObject> messages = new CopyOnWriteArrayList<>();
        Promise<Void> closed = Promise.promise();
        return client.connect(options).map(socket -> {
            socket.textMessageHandler(text -> messages.add(new JsonObject(text)));
            socket.closeHandler(v -> closed.tryComplete());
            return new Watch(client, socket, messages, closed.future());
        });
    }

    private static int rejection(Vertx vertx, WebSocketConnectOptions options) {
        WebSocketClient client = vertx.createWebSocketClient();
        Throwable failure = Await.failure(client.connect(options));
        client.close(); // and referenced until the answer came (see Watch)
        assertThat(failure).isInstanceOf(UpgradeRejectedException.class);
        return ((UpgradeRejectedException) failure).getStatus();
    }

    private static WebSocketConnectOptions target(String jobId) {
        return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port())
                .setURI("/api/jobs/" + jobId + "/progress");
    }

    private static String bearerHeader(Caller caller) {
        return "Bearer " + Tokens.valid(caller);
    }

    private static String startImport(Vertx vertx, Caller caller, String csv) {
        WebClient client = WebClient.create(vertx);
        HttpResponse<Buffer> uploaded = Await.result(client.post(node.port(), "127.0.0.1", "/api/uploads")
                .addQueryParam("fileName", "contacts.csv").putHeader("Authorization", bearerHeader(caller))
                .sendBuffer(Buffer.buffer(csv)));
        assertThat(uploaded.statusCode()).isEqualTo(201);
        HttpResponse<Buffer> started = Await.result(client.post(node.port(), "127.0.0.1", "/api/contacts/import")
                .putHeader("Authorization", bearerHeader(caller))
                .sendJsonObject(new JsonObject().put("fileName", "contacts.csv")
                        .put("fileUrl", uploaded.bodyAsJsonObject().getString("fileUrl"))));
        assertThat(started.statusCode()).isEqualTo(202);
        return started.bodyAsJsonObject().getString("jobId");
    }

    private static void awaitImport(Vertx vertx, Caller caller, String jobId, String status) {
        WebClient client = WebClient.create(vertx);
        Await.eventually(() -> client.get(node.port(), "127.0.0.1", "/api/contacts/import/" + jobId)
                        .putHeader("Authorization", bearerHeader(caller)).send().map(r -> r.bodyAsJsonObject().getString("status")),
                status::equals, Duration.ofSeconds(60));
    }

    private static String generatedCsv(int rows) {
        StringBuilder csv = new StringBuilder("email,first_name,last_name\n");
        for (int i = 0; i < rows; i++) {
            csv.append("person").append(i).append("@example.com,Person,Number").append(i).append('\n');
        }
        return csv.toString();
    }
}
