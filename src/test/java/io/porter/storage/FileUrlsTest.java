package io.porter.storage;

import io.porter.testing.GeneratedReadStream;

import io.porter.testing.Await;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
@DisplayName("Resolving a file URL given by an API caller")
class FileUrlsTest {

    @RegisterExtension
    static final S3TestServer S3 = new S3TestServer();

    private static final UUID TENANT = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID OTHER_TENANT = UUID.fromString("22222222-2222-2222-2222-222222222222");

    @TempDir
    Path root;

    private Vertx vertx;
    private Context context;
    private LocalBlobStore local;

    @BeforeEach
    void createStore(Vertx vertx) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.local = new LocalBlobStore(vertx, root);
    }

    @Test
    @DisplayName("answers the key of the tenant's own stored file")
    void resolvesOwnFile() {
        String key = store(local, TENANT, "contacts.csv");

        assertThat(Await.result(FileUrls.resolve(local, local.fileUrl(key), TENANT))).isEqualTo(key);
    }

    @Test
    @DisplayName("answers not found for another tenant's existing file, as if it were absent")
    void hidesOtherTenantsFile() {
        String othersKey = store(local, OTHER_TENANT, "contacts.csv");

        Throwable failure = Await.failure(FileUrls.resolve(local, local.fileUrl(othersKey), TENANT));

        assertThat(failure).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    @DisplayName("answers not found for a missing file of the tenant")
    void missingFileIsNotFound() {
        String key = StoreKeys.uploadKey(TENANT, UUID.randomUUID(), "never-stored.csv");

        Throwable failure = Await.failure(FileUrls.resolve(local, local.fileUrl(key), TENANT));

        assertThat(failure).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    @DisplayName("answers not found for the tenant's folder itself")
    void folderIsNotFound() {
        store(local, TENANT, "contacts.csv");

        Throwable failure = Await.failure(FileUrls.resolve(local, "local:" + TENANT + "/uploads", TENANT));

        assertThat(failure).isInstanceOf(ObjectNotFoundException.class);
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {
            "",
            " ",
            "http://x/y",
            "https://x/y",
            "file:///etc/passwd",
            "local:",
            "local:/etc/passwd",
            "local:11111111-1111-1111-1111-111111111111/../22222222-2222-2222-2222-222222222222/f",
            "local:11111111-1111-1111-1111-111111111111/%2e%2e/22222222-2222-2222-2222-222222222222/f",
            "local:11111111-1111-1111-1111-111111111111/%2E%2E/f",
            "local:11111111-1111-1111-1111-111111111111\\..\\f",
            "local:11111111-1111-1111-1111-111111111111/f\0.csv",
            "local:11111111-1111-1111-1111-111111111111//f",
            "local:11111111-1111-1111-1111-111111111111/./f",
            "s3://porter-test/11111111-1111-1111-1111-111111111111/f"
    })
    @DisplayName("rejects as illegal any URL that is not a clean file URL of this store")
    void rejectsIllegalUrls(String fileUrl) {
        Throwable failure = Await.failure(FileUrls.resolve(local, fileUrl, TENANT));

        assertThat(failure).isInstanceOf(IllegalFileUrlException.class);
    }

    @Test
    @DisplayName("rejects a null URL as illegal")
    void rejectsNullUrl() {
        assertThat(Await.failure(FileUrls.resolve(local, null, TENANT)))
                .isInstanceOf(IllegalFileUrlException.class);
    }

    @Test
    @DisplayName("in S3, answers the tenant's own object and rejects another bucket's URL as illegal")
    void resolvesInS3AndRejectsOtherBucket() {
        try (S3BlobStore s3 = new S3BlobStore(vertx, S3.options())) {
            String key = store(s3, TENANT, "contacts.csv");

            assertThat(Await.result(FileUrls.resolve(s3, s3.fileUrl(key), TENANT))).isEqualTo(key);
            assertThat(Await.failure(FileUrls.resolve(s3, "s3://other-bucket/" + key, TENANT)))
                    .isInstanceOf(IllegalFileUrlException.class);
            assertThat(Await.failure(FileUrls.resolve(s3, s3.fileUrl(key), OTHER_TENANT)))
                    .isInstanceOf(ObjectNotFoundException.class);
            assertThat(Await.failure(FileUrls.resolve(s3, local.fileUrl(key), TENANT)))
                    .isInstanceOf(IllegalFileUrlException.class);
        }
    }

    private String store(BlobStore store, UUID tenant, String fileName) {
        String key = StoreKeys.uploadKey(tenant, UUID.randomUUID(), fileName);
        Await.result(Await.onContext(context, () -> store.put(key, GeneratedReadStream.ofSize(context, 10), 100)));
        return key;
    }
}
