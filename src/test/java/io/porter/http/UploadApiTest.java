package io.porter.http;

import io.porter.tenancy.Caller;
import io.porter.testing.GeneratedReadStream;
import io.porter.testing.TestDatabase;
import io.porter.testing.TestNode;
import io.porter.testing.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Uploads: files stream into the tenant's part of the store")
class UploadApiTest {

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

    @Test
    @DisplayName("A raw body with ?fileName= is stored and described with its url, size and type")
    void rawUpload() {
        Caller caller = TestNode.newCaller();
        String csv = "email,first_name\nada@example.com,Ada\n";

        HttpResponse<Buffer> response = client.post(node.port(), "127.0.0.1", "/api/uploads")
                .addQueryParam("fileName", "contacts.csv")
                .putHeader("Authorization", "Bearer " + Tokens.valid(caller))
                .putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer(csv)).await();

        assertThat(response.statusCode()).isEqualTo(201);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getString("fileName")).isEqualTo("contacts.csv");
        assertThat(body.getLong("fileSize")).isEqualTo(csv.length());
        assertThat(body.getString("fileType")).isEqualTo("csv");
        assertThat(body.getString("fileUrl")).startsWith("local:" + caller.tenantId() + "/");
        assertThat(response.getHeader("Location")).isEqualTo("/api/uploads/" + body.getString("id"));
        assertThat(storedFile(body)).hasContent(csv);

        HttpResponse<Buffer> fetched = client.get(node.port(), "127.0.0.1", "/api/uploads/" + body.getString("id"))
                .putHeader("Authorization", "Bearer " + Tokens.valid(caller)).send().await();
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.bodyAsJsonObject().getString("fileUrl")).isEqualTo(body.getString("fileUrl"));
    }

    @Test
    @DisplayName("A multipart form's 'file' field is stored under its own file name")
    void multipartUpload() {
        Caller caller = TestNode.newCaller();
        MultipartForm form = MultipartForm.create()
                .attribute("note", "ignored")
                .textFileUpload("file", "people.json", Buffer.buffer("[{\"email\":\"a@b.co\"}]"), "application/json");

        HttpResponse<Buffer> response = client.post(node.port(), "127.0.0.1", "/api/uploads")
                .putHeader("Authorization", "Bearer " + Tokens.valid(caller))
                .sendMultipartForm(form).await();

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.bodyAsJsonObject().getString("fileName")).isEqualTo("people.json");
        assertThat(response.bodyAsJsonObject().getString("fileType")).isEqualTo("json");
        assertThat(storedFile(response.bodyAsJsonObject())).hasContent("[{\"email\":\"a@b.co\"}]");
    }

    @Test
    @DisplayName("A raw upload without a file name is a 400 that says what is missing")
    void rawUploadNeedsAName() {
        HttpResponse<Buffer> response = client.post(node.port(), "127.0.0.1", "/api/uploads")
                .putHeader("Authorization", "Bearer " + Tokens.valid(TestNode.newCaller()))
                .sendBuffer(Buffer.buffer("a,b\n")).await();
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("message")).contains("fileName");
    }

    @Test
    @DisplayName("A 200 MB upload streams through a test JVM whose heap is capped at 256 MB")
    void largeUploadStreams(Vertx vertx) throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(256L * 1024 * 1024);
        Caller caller = TestNode.newCaller();
        long size = 200L * 1024 * 1024;
        GeneratedReadStream body = GeneratedReadStream.ofSize(vertx.getOrCreateContext(), size);

        HttpResponse<Buffer> response = client.post(node.port(), "127.0.0.1", "/api/uploads")
                .addQueryParam("fileName", "big.csv")
                .putHeader("Authorization", "Bearer " + Tokens.valid(caller))
                .sendStream(body).await();

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.bodyAsJsonObject().getLong("fileSize")).isEqualTo(size);
        Path stored = storedFile(response.bodyAsJsonObject());
        assertThat(Files.size(stored)).isEqualTo(size);
        assertThat(sha256(stored)).isEqualTo(body.sha256Hex());
    }

    private static Path storedFile(JsonObject upload) {
        String key = upload.getString("fileUrl").substring("local:".length());
        return node.storageDir().resolve(key);
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStreamNull.INSTANCE);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    static UUID id(JsonObject json) {
        return UUID.fromString(json.getString("id"));
    }
}
