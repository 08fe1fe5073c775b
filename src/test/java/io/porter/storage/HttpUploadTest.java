package io.porter.storage;

import io.porter.testing.GeneratedReadStream;

import io.porter.testing.Await;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Streams real HTTP request bodies into both stores, as Porter's upload endpoint will. */
@ExtendWith(VertxExtension.class)
@DisplayName("Uploading over HTTP")
class HttpUploadTest {

    @RegisterExtension
    static final S3TestServer S3 = new S3TestServer();

    private static final long MIB = 1024 * 1024;
    private static final long BODY_BYTES = 20 * MIB + 7;
    private static final UUID TENANT = UUID.randomUUID();

    @TempDir
    Path root;

    private BlobStore store;
    private HttpServer server;
    private final Promise<String> storedKey = Promise.promise();

    @AfterEach
    void cleanUp() {
        if (server != null) {
            Await.result(server.close());
        }
        if (store instanceof S3BlobStore s3) {
            s3.close();
            S3.objectKeys().forEach(key -> S3.client().deleteObject(r -> r.bucket(S3.bucket()).key(key)).join());
        }
    }

    @ParameterizedTest(name = "into the {0} store")
    @ValueSource(strings = {"local", "s3"})
    @DisplayName("A 20 MiB request body is stored whole")
    void storesRequestBody(String kind, Vertx vertx) throws Exception {
        startServer(vertx, kind, 100 * MIB);
        Context context = vertx.getOrCreateContext();
        GeneratedReadStream body = GeneratedReadStream.ofSize(context, BODY_BYTES);

        int status = Await.result(Await.onContext(context, () -> upload(vertx, body)));

        assertThat(status).isEqualTo(201);
        String key = Await.result(storedKey.future());
        assertThat(Await.result(store.head(key))).contains(new ObjectInfo(key, BODY_BYTES));
        assertThat(sha256Of(key)).isEqualTo(body.sha256Hex());
    }

    @ParameterizedTest(name = "into the {0} store")
    @ValueSource(strings = {"local", "s3"})
    @DisplayName("A request body over the limit is refused and leaves nothing stored")
    void refusesTooLargeRequestBody(String kind, Vertx vertx) throws Exception {
        startServer(vertx, kind, 10 * MIB);
        Context context = vertx.getOrCreateContext();

        // The client may see the 413 or a closed connection, depending on timing: the server's verdict counts.
        Await.onContext(context, () -> upload(vertx, GeneratedReadStream.ofSize(context, BODY_BYTES)));
        Throwable failure = Await.failure(storedKey.future());

        assertThat(failure).isInstanceOf(ObjectTooLargeException.class);
        assertNothingStored(kind);
    }

    private void startServer(Vertx vertx, String kind, long maxBytes) {
        store = kind.equals("s3") ? new S3BlobStore(vertx, S3.options()) : new LocalBlobStore(vertx, root);
        server = Await.result(vertx.createHttpServer()
                .requestHandler(request -> storeBody(request, maxBytes))
                .listen(0, "127.0.0.1"));
    }

    private void storeBody(HttpServerRequest request, long maxBytes) {
        request.pause();
        String key = StoreKeys.uploadKey(TENANT, UUID.randomUUID(), "contacts.csv");
        store.put(key, request, maxBytes).onComplete(stored -> {
            if (stored.succeeded()) {
                storedKey.complete(key);
                request.response().setStatusCode(201).end();
            } else {
                storedKey.fail(stored.cause());
                request.response().setStatusCode(413).putHeader("Connection", "close").end();
            }
        });
    }

    private Future<Integer> upload(Vertx vertx, GeneratedReadStream body) {
        HttpClient client = vertx.createHttpClient();
        return client.request(HttpMethod.PUT, server.actualPort(), "127.0.0.1", "/upload")
                .compose(request -> request.setChunked(true).send(body))
                .map(response -> response.statusCode())
                .eventually(client::close);
    }

    private String sha256Of(String key) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Await.result(store.openInputStream(key)), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void assertNothingStored(String kind) throws Exception {
        if (kind.equals("s3")) {
            assertThat(S3.objectKeys()).isEmpty();
            assertThat(S3.pendingMultipartUploads()).isEmpty();
        } else {
            try (Stream<Path> paths = Files.walk(root)) {
                assertThat(paths.filter(Files::isRegularFile)).isEmpty();
            }
        }
    }
}
