package io.porter.http;

import io.porter.tenancy.Caller;
import io.porter.testing.TestDatabase;
import io.porter.testing.TestNode;
import io.porter.testing.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.DisplayName.class)
@DisplayName("Authentication: every /api route needs a valid bearer token")
class AuthenticationApiTest {

    @RegisterExtension
    @Order(1)
    static final TestDatabase db = new TestDatabase();
    @RegisterExtension
    @Order(2)
    static final TestNode node = new TestNode(db);

    private WebClient client;

    @BeforeEach
    void client(Vertx vertx) {
        client = WebClient.create(vertx);
    }

    record BadToken(String name, Function<Caller, String> header) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadToken> badTokens() {
        return Stream.of(
                new BadToken("no Authorization header", caller -> null),
                new BadToken("not a bearer scheme", caller -> "Basic dXNlcjpwYXNz"),
                new BadToken("malformed token", caller -> "Bearer not.a.jwt"),
                new BadToken("garbage", caller -> "Bearer %%%"),
                new BadToken("expired token", caller -> "Bearer " + Tokens.expired(caller)),
                new BadToken("wrongly signed token", caller -> "Bearer " + Tokens.signedWith("another-secret-another-secret-another-secret", caller)),
                new BadToken("alg none token", caller -> "Bearer " + Tokens.algNone(caller)),
                new BadToken("token without tenantId", caller -> "Bearer " + Tokens.hs256(
                        Tokens.claims(caller).copy().put("tenantId", null), TestNode.SECRET)),
                new BadToken("token whose tenantId is not a UUID", caller -> "Bearer " + Tokens.hs256(
                        Tokens.claims(caller).put("tenantId", "acme"), TestNode.SECRET)),
                new BadToken("token whose sub is not a UUID", caller -> "Bearer " + Tokens.hs256(
                        Tokens.claims(caller).put("sub", "alice"), TestNode.SECRET)));
    }

    @ParameterizedTest(name = "{0} gets 401")
    @MethodSource("badTokens")
    @DisplayName("A request with a bad token gets 401 and a JSON error")
    void badTokenIsRefused(BadToken badToken) {
        Caller caller = TestNode.newCaller();
        HttpResponse<Buffer> response = get("/api/uploads", badToken.header().apply(caller));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.getHeader("Content-Type")).startsWith("application/json");
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized");
        assertThat(response.bodyAsJsonObject().getString("message")).isNotBlank();
    }

    @Test
    @DisplayName("A valid token is let in, and its tenant and user are recorded")
    void validTokenIsAccepted() throws Exception {
        Caller caller = new Caller(UUID.randomUUID(), UUID.randomUUID(), Optional.of(UUID.randomUUID()));
        HttpResponse<Buffer> response = get("/api/uploads", "Bearer " + Tokens.valid(caller));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getJsonArray("items")).isEmpty();
        assertThat(db.count("SELECT count(*) FROM tenants WHERE id = ?", caller.tenantId())).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM users WHERE id = ? AND tenant_id = ?", caller.userId(), caller.tenantId())).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM workspaces WHERE id = ?", caller.workspaceId().get())).isEqualTo(1);
    }

    @Test
    @DisplayName("Health and metrics answer without a token; unknown routes are JSON 404s")
    void openRoutes() {
        HttpResponse<Buffer> health = get("/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        JsonObject body = health.bodyAsJsonObject();
        assertThat(body.getString("status")).isEqualTo("UP");
        assertThat(body.getJsonObject("checks").getJsonObject("database").getString("status")).isEqualTo("UP");
        assertThat(body.getJsonObject("checks").getJsonObject("storage").getString("status")).isEqualTo("UP");

        HttpResponse<Buffer> metrics = get("/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.bodyAsString()).contains("vertx_http_server").contains("vertx_pool");

        HttpResponse<Buffer> unknown = get("/api/nothing-here", "Bearer " + Tokens.valid(TestNode.newCaller()));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
        assertThat(get("/nothing-here", null).bodyAsJsonObject().getString("error")).isEqualTo("not_found");
    }

    @Test
    @DisplayName("A JSON body over 1 MiB gets 413")
    void oversizedJsonBody() {
        String big = "{\"pad\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";
        HttpResponse<Buffer> response = await(client.post(node.port(), "127.0.0.1", "/api/jobs")
                .putHeader("Authorization", "Bearer " + Tokens.valid(TestNode.newCaller()))
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(big)));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("payload_too_large");
    }

    private HttpResponse<Buffer> get(String path, String authorization) {
        var request = client.get(node.port(), "127.0.0.1", path);
        if (authorization != null) {
            request.putHeader("Authorization", authorization);
        }
        return await(request.send());
    }

    static <T> T await(io.vertx.core.Future<T> future) {
        return future.await();
    }
}
