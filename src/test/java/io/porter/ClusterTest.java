package io.porter;

import io.porter.config.PorterConfig;
import io.porter.jobs.Addresses;
import io.porter.jobs.BusErrors;
import io.porter.jobs.BusRequest;
import io.porter.tenancy.Caller;
import io.porter.testing.Await;
import io.porter.testing.BusRecorder;
import io.porter.testing.NodeProcess;
import io.porter.testing.TestDatabase;
import io.porter.testing.TestNode;
import io.porter.testing.Tokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Porter nodes as separate processes on one real Hazelcast cluster (127.0.0.1, a cluster name and
 * port range of this run's own): A runs http only, B import and export, C import (started later).
 * The test JVM joins too, as a member with no Porter role, the way another service of the platform
 * would, and watches A's WebSocket progress endpoint.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Cluster: an http node hands imports to import nodes, a dead node's import is finished by another, services use the bus")
class ClusterTest {

    private static final int ROWS = 150_000;
    private static final Duration NODE_START = Duration.ofSeconds(120);
    private static final Path LOGS = Path.of("target", "cluster-test");

    @RegisterExtension
    @Order(1)
    static final TestDatabase db = new TestDatabase();
    @RegisterExtension
    @Order(2)
    static final TestWatcher printLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            printNodeLogs();
        }
    };

    private static final Map<String, NodeProcess> nodes = new ConcurrentHashMap<>();
    private static PorterConfig.Cluster cluster;
    private static Path storageDir;
    private static ClusterManager memberManager;
    private static Vertx member;
    private static WebClient http;
    private static int portA;

    @BeforeAll
    static void startCluster() throws Exception {
        try {
            formCluster();
        } catch (Exception | AssertionError e) {
            printNodeLogs();
            throw e;
        }
    }

    private static void formCluster() throws Exception {
        int base = 20_000 + new SecureRandom().nextInt(30_000);
        List<String> members = IntStream.range(0, 6).mapToObj(i -> "127.0.0.1:" + (base + i)).toList();
        cluster = new PorterConfig.Cluster(true, "porter-test-" + UUID.randomUUID(), "127.0.0.1", base, members);
        storageDir = Files.createTempDirectory("porter-cluster-files");
        NodeProcess a = startNode("a-http", "http");
        NodeProcess b = startNode("b-import-export", "import,export");
        memberManager = HazelcastCluster.clusterManager(cluster);
        member = Await.result(Vertx.builder().with(HazelcastCluster.withEventBus(new VertxOptions(), cluster))
                .withClusterManager(memberManager).buildClustered());
        http = WebClient.create(member);
        portA = a.awaitRunning(NODE_START);
        assertThat(b.awaitRunning(NODE_START)).as("B runs no http role").isNull();
        Await.eventually(() -> Future.succeededFuture(memberManager.getNodes().size()), n -> n == 3, Duration.ofSeconds(60));
    }

    private static void printNodeLogs() {
        nodes.values().forEach(node -> System.out.println("==== " + node.name() + " (" + node.log() + ")\n" + node.output()));
    }

    @AfterAll
    static void stopCluster() {
        if (member != null) {
            Await.result(member.close());
        }
        nodes.values().parallelStream().forEach(NodeProcess::stop);
        TestNode.deleteTree(storageDir);
    }

    @Test
    @Order(1)
    @DisplayName("A member running no Porter role starts an import over the bus, gets the reply, its progress and its completion")
    void importOverTheBus() {
        Caller caller = TestNode.newCaller();
        ContactsFile file = ContactsFile.generate(20_000);
        String fileUrl = upload(caller, file);
        try (BusRecorder progress = BusRecorder.listen(member, Addresses.IMPORT_PROGRESS);
             BusRecorder completions = BusRecorder.listen(member, Addresses.JOBS_COMPLETED)) {
            JsonObject reply = request(Addresses.IMPORT_START, caller, importRequest(fileUrl));
            String jobId = reply.getString("jobId");
            assertThat(reply.getString("status")).isEqualTo("pending");

            JsonObject completion = completions.awaitAbout(jobId, 1, Duration.ofSeconds(120)).get(0);
            assertThat(completion.getString("kind")).isEqualTo("import");
            assertThat(completion.getString("status")).isEqualTo("completed");
            assertThat(completion.getString("userId")).isEqualTo(caller.userId().toString());
            assertCounts(completion.getJsonObject("counts"), file);
            List<JsonObject> progressed = progress.awaitAbout(jobId, 2, Duration.ofSeconds(10));
            assertThat(progressed).extracting(m -> m.getLong("processedRows")).isSorted();
            assertThat(progressed.get(0).getString("status")).isEqualTo("processing");
            assertThat(progressed.get(progressed.size() - 1).getString("status")).isEqualTo("completed");
            assertThat(request(Addresses.IMPORT_GET, caller, new JsonObject().put("jobId", jobId)).getInteger("createdCount"))
                    .isEqualTo(file.created());
        }
    }

    @Test
    @Order(2)
    @DisplayName("Bus failures come back as codes, never as timeouts: a foreign tenant's job is 404, a malformed request 400")
    void busFailures() {
        Caller owner = TestNode.newCaller();
        String jobId = request(Addresses.IMPORT_START, owner, importRequest(upload(owner, ContactsFile.generate(10))))
                .getString("jobId");

        assertFailure(member.eventBus().request(Addresses.IMPORT_GET,
                envelope(TestNode.newCaller(), new JsonObject().put("jobId", jobId))), BusErrors.NOT_FOUND);
        assertFailure(member.eventBus().request(Addresses.IMPORT_CANCEL,
                envelope(TestNode.newCaller(), new JsonObject().put("jobId", jobId))), BusErrors.NOT_FOUND);
        assertFailure(member.eventBus().request(Addresses.IMPORT_START, new JsonObject().put("body", new JsonObject())),
                BusErrors.BAD_REQUEST);
        assertFailure(member.eventBus().request(Addresses.IMPORT_GET, "{\"jobId\": \"" + jobId + "\"}"), BusErrors.BAD_REQUEST);
        assertFailure(member.eventBus().request(Addresses.EXPORT_START, envelope(owner, new JsonObject().put("format", "pdf"))),
                BusErrors.BAD_REQUEST);
    }

    @Test
    @Order(3)
    @DisplayName("B is killed mid-import; C finishes the import with the counts of an uninterrupted run, watched from A")
    void importSurvivesItsNode() {
        Caller caller = TestNode.newCaller();
        ContactsFile file = ContactsFile.generate(ROWS);
        String fileUrl = upload(caller, file);
        try (BusRecorder completions = BusRecorder.listen(member, Addresses.JOBS_COMPLETED)) {
            String jobId = startImportOnA(caller, fileUrl);
            try (ProgressWatch watch = ProgressWatch.connect(member, portA, caller, jobId)) {
                // B is the only import node, so B runs it; C starts while B works.
                watch.await(state -> state.getLong("processedRows") > 0, Duration.ofSeconds(120));
                NodeProcess c = startNode("c-import", "import");
                // Kill B once C is up; should B be fast and C slow to start, kill it before B is done anyway.
                watch.await(state -> c.isRunning() || state.getLong("processedRows") >= ROWS * 2 / 3, NODE_START);
                nodes.get("b-import-export").kill();
                long atKill = db.count("SELECT coalesce((SELECT processed_rows FROM import_jobs "
                        + "WHERE id = ?::uuid AND status = 'processing'), -1)", jobId);
                System.out.printf("B killed after %d of %d rows; C was %s%n", atKill, ROWS, c.isRunning() ? "up" : "starting");
                assertThat(atKill).as("B was killed mid-import").isBetween(1L, (long) ROWS - 1);
                c.awaitRunning(NODE_START);

                JsonObject end = watch.await(state -> Boolean.TRUE.equals(state.getBoolean("terminal")), Duration.ofSeconds(120));

                assertThat(end.getString("status")).isEqualTo("completed");
                assertCounts(end, file);
                // Progress from B before the kill and from C after it, through A's bus consumer, in order.
                assertThat(watch.seen()).extracting(state -> state.getLong("processedRows")).isSorted()
                        .anyMatch(rows -> rows > 0 && rows <= atKill).anyMatch(rows -> rows > atKill && rows < ROWS);
                Await.eventually(() -> Future.succeededFuture(watch.closeStatus()), code -> code != null, Duration.ofSeconds(10));
                assertThat(watch.closeStatus()).isEqualTo((short) 1000);
            }
            assertTakenOver(jobId);
            assertStored(caller, jobId, file);
            assertOneCompletion(completions, caller, jobId, file);
        }
    }

    /** B's attempt, then at least one more: a node that outlives B took the lapsed lease. */
    private static void assertTakenOver(String jobId) {
        assertThat(db.count("SELECT coalesce((SELECT attempts FROM job_queue WHERE subject_id = ?::uuid AND kind = 'import' "
                + "AND status = 'succeeded'), 0)", jobId)).isGreaterThanOrEqualTo(2);
    }

    /**
     * Exactly the rows of an uninterrupted run: no contact twice, and one report line per bad row and
     * per skipped repeat ("duplicate of row n"), none twice.
     */
    private static void assertStored(Caller caller, String jobId, ContactsFile file) {
        assertThat(db.count("SELECT count(*) FROM contacts WHERE tenant_id = ?", caller.tenantId())).isEqualTo(file.created());
        assertThat(db.count("SELECT count(DISTINCT email_key) FROM contacts WHERE tenant_id = ?", caller.tenantId()))
                .isEqualTo(file.created());
        assertThat(db.count("SELECT count(*) FROM import_row_errors WHERE import_job_id = ?::uuid", jobId))
                .isEqualTo(file.errors() + file.skipped());
        assertThat(db.count("SELECT count(DISTINCT row_number) FROM import_row_errors WHERE import_job_id = ?::uuid", jobId))
                .isEqualTo(file.errors() + file.skipped());
        assertThat(db.count("SELECT count(*) FROM import_row_errors WHERE import_job_id = ?::uuid AND error LIKE 'duplicate of row %'",
                jobId)).isEqualTo(file.skipped());
    }

    /** A later import's completion, from the same node, fences the first: the bus keeps one sender's order. */
    private static void assertOneCompletion(BusRecorder completions, Caller caller, String jobId, ContactsFile file) {
        String fence = request(Addresses.IMPORT_START, caller, importRequest(upload(caller, ContactsFile.generate(10))))
                .getString("jobId");
        completions.awaitAbout(fence, 1, Duration.ofSeconds(60));
        List<JsonObject> messages = completions.about(jobId);
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).getString("status")).isEqualTo("completed");
        assertCounts(messages.get(0).getJsonObject("counts"), file);
    }


    private static void assertCounts(JsonObject counts, ContactsFile file) {
        assertThat(counts.getLong("processedRows")).as(counts.encode()).isEqualTo(file.rows());
        assertThat(counts.getLong("created")).as(counts.encode()).isEqualTo(file.created());
        assertThat(counts.getLong("updated")).as(counts.encode()).isZero();
        assertThat(counts.getLong("skipped")).as(counts.encode()).isEqualTo(file.skipped());
        assertThat(counts.getLong("errors")).as(counts.encode()).isEqualTo(file.errors());
    }

    private static void assertFailure(Future<?> request, int code) {
        Throwable failure = Await.failure(request);
        assertThat(failure).isInstanceOf(ReplyException.class);
        ReplyException reply = (ReplyException) failure;
        assertThat(reply.failureType()).as(reply.getMessage()).isEqualTo(ReplyFailure.RECIPIENT_FAILURE);
        assertThat(reply.failureCode()).as(reply.getMessage()).isEqualTo(code);
    }

    private static NodeProcess startNode(String name, String roles) {
        NodeProcess node = NodeProcess.start(name, Map.ofEntries(
                Map.entry("PORTER_CONFIG", Path.of("conf", "config.yaml").toAbsolutePath().toString()),
                Map.entry("PORTER_DB_URL", db.url().toUrl()),
                Map.entry("PORTER_DB_POOL_SIZE", "4"),
                Map.entry("PORTER_JWT_SECRET", TestNode.SECRET),
                Map.entry("PORTER_STORAGE_DIR", storageDir.toString()),
                Map.entry("PORTER_HTTP_HOST", "127.0.0.1"),
                Map.entry("PORTER_HTTP_PORT", "0"),
                Map.entry("PORTER_ROLES", roles),
                Map.entry("PORTER_JOB_LEASE_SECONDS", "3"),
                Map.entry("PORTER_JOB_POLL_MILLIS", "500"),
                Map.entry("PORTER_CLUSTER", "true"),
                Map.entry("PORTER_CLUSTER_NAME", cluster.name()),
                Map.entry("PORTER_CLUSTER_HOST", cluster.host()),
                Map.entry("PORTER_CLUSTER_PORT", String.valueOf(cluster.port())),
                Map.entry("PORTER_CLUSTER_MEMBERS", String.join(",", cluster.members()))), LOGS);
        nodes.put(name, node);
        return node;
    }

    private static String upload(Caller caller, ContactsFile file) {
        HttpResponse<Buffer> response = Await.result(http.post(portA, "127.0.0.1", "/api/uploads")
                .addQueryParam("fileName", "contacts.csv")
                .putHeader("Authorization", "Bearer " + Tokens.valid(caller))
                .sendBuffer(Buffer.buffer(file.bytes())));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        return response.bodyAsJsonObject().getString("fileUrl");
    }

    private static String startImportOnA(Caller caller, String fileUrl) {
        HttpResponse<Buffer> response = Await.result(http.post(portA, "127.0.0.1", "/api/contacts/import")
                .putHeader("Authorization", "Bearer " + Tokens.valid(caller))
                .sendJsonObject(importRequest(fileUrl)));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
        return response.bodyAsJsonObject().getString("jobId");
    }

    private static JsonObject importRequest(String fileUrl) {
        return new JsonObject().put("fileName", "contacts.csv").put("fileUrl", fileUrl)
                .put("options", new JsonObject().put("duplicateStrategy", "skip"));
    }

    private static JsonObject request(String address, Caller caller, JsonObject body) {
        return Await.result(member.eventBus().<JsonObject>request(address, envelope(caller, body))).body();
    }

    private static JsonObject envelope(Caller caller, JsonObject body) {
        return new BusRequest(caller.tenantId(), caller.userId(), Optional.empty(), body).toJson();
    }
}
