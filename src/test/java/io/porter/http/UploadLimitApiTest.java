package io.porter.http;

import io.porter.testing.GeneratedReadStream;
import io.porter.testing.TestDatabase;
import io.porter.testing.TestNode;
import io.porter.testing.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Upload limit: a file over PORTER_MAX_UPLOAD_BYTES gets 413 and nothing is kept")
class UploadLimitApiTest {

    private static final long LIMIT = 3L * 1024 * 1024;

    @RegisterExtension
    @Order(1)
    static final TestDatabase db = new TestDatabase();
    @RegisterExtension
    @Order(2)
    static final TestNode node = new TestNode(db).with("PORTER_MAX_UPLOAD_BYTES", LIMIT);

    @Test
    @DisplayName("A streamed (chunked) body that grows past the limit is cut off with 413, leaving no file and no record")
    void streamedOverLimit(Vertx vertx) throws IOException {
        io.vertx.ext.web.client.HttpResponse<Buffer> response = WebClient.create(vertx).post(node.port(), "127.0.0.1", "/api/uploads")
                .addQueryParam("fileName", "too-big.csv")
                .putHeader("Authorization", "Bearer " + Tokens.valid(TestNode.newCaller()))
                .sendStream(GeneratedReadStream.ofSize(vertx.getOrCreateContext(), 3 * LIMIT)).await();

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("payload_too_large");
        assertNothingStored();
    }

    @Test
    @DisplayName("A client that declares an oversized body and expects 100-continue gets 413 without sending it")
    void declaredOverLimit() throws Exception {
        // A raw socket: the JDK 17 HttpClient hangs when the answer to Expect: 100-continue is not 100.
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            socket.setSoTimeout(10_000);
            String head = "POST /api/uploads?fileName=too-big.csv HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + Tokens.valid(TestNode.newCaller()) + "\r\n"
                    + "Content-Length: " + (2 * LIMIT) + "\r\n"
                    + "Expect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 413").contains("payload_too_large");
        }
        assertNothingStored();
    }

    @Test
    @DisplayName("A file exactly at the limit is accepted")
    void atLimit(Vertx vertx) {
        io.vertx.ext.web.client.HttpResponse<Buffer> response = WebClient.create(vertx).post(node.port(), "127.0.0.1", "/api/uploads")
                .addQueryParam("fileName", "just-fits.csv")
                .putHeader("Authorization", "Bearer " + Tokens.valid(TestNode.newCaller()))
                .sendStream(GeneratedReadStream.ofSize(vertx.getOrCreateContext(), LIMIT)).await();

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.bodyAsJsonObject().getLong("fileSize")).isEqualTo(LIMIT);
    }

    /** Neither a record nor a file (final or temporary) of the refused upload remains. */
    private static void assertNothingStored() throws IOException {
        assertThat(db.count("SELECT count(*) FROM uploads WHERE file_name = 'too-big.csv'")).isZero();
        try (Stream<java.nio.file.Path> files = Files.walk(node.storageDir())) {
            assertThat(files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().equals("just-fits.csv"))).isEmpty();
        }
    }
}
