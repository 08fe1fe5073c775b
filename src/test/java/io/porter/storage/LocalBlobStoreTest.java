package io.porter.storage;

import io.porter.testing.GeneratedReadStream;

import io.porter.testing.Await;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The local file store")
class LocalBlobStoreTest extends BlobStoreContractTest {

    @TempDir
    Path root;

    private LocalBlobStore store;

    @BeforeEach
    void createStore(Vertx vertx) {
        useVertx(vertx);
        store = new LocalBlobStore(vertx, root);
    }

    @Override
    BlobStore store() {
        return store;
    }

    @Override
    void assertNothingStored() throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            assertThat(paths.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    @DisplayName("Its file URL is local: followed by the key, and it describes its absolute folder")
    void namesFilesAndItself() {
        assertThat(store.fileUrl("t/uploads/u/a.csv")).isEqualTo("local:t/uploads/u/a.csv");
        assertThat(store.describe()).isEqualTo("local:" + root.toAbsolutePath());
    }

    @Test
    @DisplayName("It keeps the file under the root at the key's path")
    void storesFileAtKeyPath() {
        String key = newKey("a.csv");

        put(key, GeneratedReadStream.ofSize(context, 10), 100);

        assertThat(root.resolve(key)).isRegularFile().hasSize(10);
    }

    @Test
    @DisplayName("It refuses keys that would leave its folder")
    void refusesKeysOutsideRoot() {
        for (String key : new String[] {"../outside.csv", "a/../../outside.csv", "/etc/passwd", ""}) {
            Throwable failure = Await.failure(putFuture(key, GeneratedReadStream.ofSize(context, 10), 100));
            assertThat(failure).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThat(Await.failure(store.head(key))).as(key).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(root.resolveSibling("outside.csv")).doesNotExist();
    }

    @Test
    @DisplayName("Ping fails when the folder cannot be made")
    void pingFailsWhenFolderIsAFile() throws Exception {
        Path file = Files.writeString(root.resolve("not-a-folder"), "x");

        Throwable failure = Await.failure(new LocalBlobStore(vertx, file).ping());

        assertThat(failure).isNotNull();
    }
}
