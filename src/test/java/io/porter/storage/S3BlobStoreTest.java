package io.porter.storage;

import io.porter.testing.GeneratedReadStream;

import io.porter.testing.Await;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

@DisplayName("The S3 store")
class S3BlobStoreTest extends BlobStoreContractTest {

    @RegisterExtension
    static final S3TestServer S3 = new S3TestServer();

    private S3BlobStore store;

    @BeforeEach
    void createStore(Vertx vertx) {
        useVertx(vertx);
        store = new S3BlobStore(vertx, S3.options());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Override
    BlobStore store() {
        return store;
    }

    @Override
    void assertNothingStored() {
        assertThat(S3.objectKeys()).as("objects in the bucket").isEmpty();
        assertThat(S3.pendingMultipartUploads()).as("pending multipart uploads").isEmpty();
    }

    @AfterEach
    void emptyBucket() {
        for (String key : S3.objectKeys()) {
            S3.client().deleteObject(r -> r.bucket(S3.bucket()).key(key)).join();
        }
    }

    @Test
    @DisplayName("Its file URL is s3://bucket/key, and it describes bucket and endpoint")
    void namesFilesAndItself() {
        assertThat(store.fileUrl("t/uploads/u/a.csv")).isEqualTo("s3://porter-test/t/uploads/u/a.csv");
        assertThat(store.keyOf("s3://other-bucket/t/uploads/u/a.csv")).isEmpty();
        assertThat(store.describe()).isEqualTo("s3://porter-test at " + S3.endpoint());
    }

    @Test
    @DisplayName("A 20 MiB object goes up as a multipart upload of three 8 MiB parts")
    void bigObjectIsUploadedInParts() {
        String key = newKey("parts.csv");

        put(key, GeneratedReadStream.ofSize(context, 20 * 1024 * 1024 + 1), 100 * 1024 * 1024);

        HeadObjectResponse head = S3.client().headObject(r -> r.bucket(S3.bucket()).key(key)).join();
        // A multipart object's ETag ends in "-<number of parts>".
        assertThat(head.eTag().replace("\"", "")).endsWith("-3");
    }

    @Test
    @DisplayName("A presigned GET URL downloads the object with a plain HTTP client")
    void presignedUrlDownloadsObject() throws Exception {
        String key = newKey("export file.csv");
        GeneratedReadStream content = GeneratedReadStream.ofSize(context, 300_000);
        put(key, content, 1_000_000);

        String url = Await.result(store.presignedGetUrl(key, Duration.ofMinutes(5))).orElseThrow();
        HttpResponse<byte[]> response = httpGet(url);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sha256(response.body())).isEqualTo(content.sha256Hex());
    }

    @Test
    @DisplayName("A presigned GET URL stops working after its time to live")
    void presignedUrlExpires() throws Exception {
        String key = newKey("short-lived.csv");
        put(key, GeneratedReadStream.ofSize(context, 10), 100);

        String url = Await.result(store.presignedGetUrl(key, Duration.ofSeconds(1))).orElseThrow();
        Thread.sleep(2_100);

        assertThat(httpGet(url).statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("Ping fails for a missing bucket, and createBucketIfMissing makes it answer")
    void createsMissingBucket() {
        try (S3BlobStore other = new S3BlobStore(vertx, S3.options("porter-created-by-test"))) {
            assertThat(Await.failure(other.ping())).isNotNull();

            Await.result(other.createBucketIfMissing());
            Await.result(other.createBucketIfMissing());

            Await.result(other.ping());
        }
    }

    @Test
    @DisplayName("Parts smaller than S3's 5 MiB minimum are refused at construction")
    void refusesTooSmallParts() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new S3BlobStore(vertx, S3.options(), S3BlobStore.MIN_PART_SIZE - 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static HttpResponse<byte[]> httpGet(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
