package io.porter.storage;

import io.porter.testing.GeneratedReadStream;

import io.porter.testing.Await;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What every BlobStore must do; subclasses supply the store and a look behind it. */
@ExtendWith(VertxExtension.class)
abstract class BlobStoreContractTest {

    private static final long MIB = 1024 * 1024;
    private static final long BIG_OBJECT_BYTES = 20 * MIB + 123;

    /** The store under test, new for each test. */
    abstract BlobStore store();

    /** Asserts, bypassing the store, that it holds nothing: no files, objects or pending parts. */
    abstract void assertNothingStored() throws Exception;

    Vertx vertx;
    Context context;

    void useVertx(Vertx vertx) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
    }

    @Test
    @DisplayName("A small object comes back with the same size and bytes")
    void roundTripsSmallObject() throws Exception {
        String key = newKey("small.csv");
        GeneratedReadStream content = GeneratedReadStream.ofSize(context, 1000);

        long size = put(key, content, 10_000);

        assertThat(size).isEqualTo(1000);
        assertThat(Await.result(store().head(key))).contains(new ObjectInfo(key, 1000));
        assertThat(sha256Of(key)).isEqualTo(content.sha256Hex());
    }

    @Test
    @DisplayName("A finished 20 MiB file is stored whole as the object and stays where it was")
    void storesAFile() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("porter-put-file-", ".csv");
        try {
            byte[] bytes = randomFile(file, 20 * MIB + 7, 7);
            String key = newKey("file.csv");

            long size = Await.result(Await.onContext(context, () -> store().putFile(key, file)));

            assertStoredWhole(key, size, bytes);
            assertThat(file).exists();
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    @DisplayName("A finished file moved into the store is stored whole and gone from where it was")
    void movesAFile() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("porter-move-file-", ".csv");
        try {
            byte[] bytes = randomFile(file, 3 * MIB + 5, 11);
            String key = newKey("moved.csv");

            long size = Await.result(Await.onContext(context, () -> store().moveFile(key, file)));

            assertStoredWhole(key, size, bytes);
            assertThat(file).doesNotExist();
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    private static byte[] randomFile(java.nio.file.Path file, long length, long seed) throws java.io.IOException {
        byte[] bytes = new byte[(int) length];
        new java.util.Random(seed).nextBytes(bytes);
        java.nio.file.Files.write(file, bytes);
        return bytes;
    }

    private void assertStoredWhole(String key, long size, byte[] bytes) throws Exception {
        assertThat(size).isEqualTo(bytes.length);
        assertThat(Await.result(store().head(key))).contains(new ObjectInfo(key, bytes.length));
        assertThat(sha256Of(key)).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    @Test
    @DisplayName("A missing file fails the move and leaves nothing stored")
    void missingFileMovesNothing() throws Exception {
        java.nio.file.Path missing = java.nio.file.Path.of("/nonexistent/porter-missing-moved.csv");
        assertThat(Await.failure(Await.onContext(context, () -> store().moveFile(newKey("missing.csv"), missing))))
                .isNotNull();
        assertNothingStored();
    }

    @Test
    @DisplayName("A missing file fails the put and leaves nothing stored")
    void missingFileStoresNothing() throws Exception {
        java.nio.file.Path missing = java.nio.file.Path.of("/nonexistent/porter-missing.csv");
        assertThat(Await.failure(Await.onContext(context, () -> store().putFile(newKey("missing.csv"), missing))))
                .isNotNull();
        assertNothingStored();
    }

    @Test
    @DisplayName("A 20 MiB streamed object is stored whole, with the source paused while the store catches up")
    void roundTripsBigStreamedObject() throws Exception {
        String key = newKey("big.csv");
        GeneratedReadStream content = GeneratedReadStream.ofSize(context, BIG_OBJECT_BYTES);

        long size = put(key, content, 100 * MIB);

        assertThat(size).isEqualTo(BIG_OBJECT_BYTES);
        assertThat(Await.result(store().head(key))).contains(new ObjectInfo(key, BIG_OBJECT_BYTES));
        assertThat(sha256Of(key)).isEqualTo(content.sha256Hex());
        assertThat(content.pauseCount()).as("times the store paused the source").isPositive();
    }

    @Test
    @DisplayName("An object over the limit fails as too large, stops the reading and leaves nothing stored")
    void rejectsBigObjectOverLimit() throws Exception {
        String key = newKey("too-big.csv");
        GeneratedReadStream content = GeneratedReadStream.ofSize(context, BIG_OBJECT_BYTES);
        long limit = 12 * MIB;

        Throwable failure = Await.failure(putFuture(key, content, limit));

        assertThat(failure).isInstanceOf(ObjectTooLargeException.class);
        assertThat(((ObjectTooLargeException) failure).maxBytes()).isEqualTo(limit);
        assertThat(content.emittedBytes()).isLessThan(BIG_OBJECT_BYTES);
        assertThat(Await.result(store().head(key))).isEmpty();
        assertNothingStored();
    }

    @Test
    @DisplayName("A small object one byte over the limit fails as too large and leaves nothing stored")
    void rejectsSmallObjectOverLimit() throws Exception {
        String key = newKey("tiny.csv");

        Throwable failure = Await.failure(putFuture(key, GeneratedReadStream.ofSize(context, 101), 100));

        assertThat(failure).isInstanceOf(ObjectTooLargeException.class);
        assertNothingStored();
    }

    @Test
    @DisplayName("An object of exactly the limit is stored")
    void acceptsObjectOfExactlyTheLimit() {
        String key = newKey("exact.csv");

        assertThat(put(key, GeneratedReadStream.ofSize(context, 100), 100)).isEqualTo(100);
    }

    @Test
    @DisplayName("A source that breaks mid-upload fails the put with its error and leaves nothing stored")
    void leavesNothingWhenSourceBreaks() throws Exception {
        String key = newKey("broken.csv");
        GeneratedReadStream content = GeneratedReadStream.failingAfter(context, BIG_OBJECT_BYTES, 10 * MIB);

        Throwable failure = Await.failure(putFuture(key, content, 100 * MIB));

        assertThat(failure).hasMessageContaining("Generated stream broke");
        assertThat(Await.result(store().head(key))).isEmpty();
        assertNothingStored();
    }

    @Test
    @DisplayName("A source that breaks while the store is still writing its last chunk leaves nothing stored")
    void leavesNothingWhenSourceBreaksDuringWrite() throws Exception {
        String key = newKey("broken-while-busy.csv");
        // 8 MiB fills exactly one S3 part: the stream breaks while that part goes up.
        GeneratedReadStream content = GeneratedReadStream.failingAfter(context, BIG_OBJECT_BYTES, 8 * MIB);

        Throwable failure = Await.failure(putFuture(key, content, 100 * MIB));

        assertThat(failure).hasMessageContaining("Generated stream broke");
        assertThat(Await.result(store().head(key))).isEmpty();
        assertNothingStored();
    }

    @Test
    @DisplayName("Head of a missing key answers empty")
    void headOfMissingKeyIsEmpty() {
        assertThat(Await.result(store().head(newKey("missing.csv")))).isEmpty();
    }

    @Test
    @DisplayName("Opening a missing key fails with ObjectNotFoundException")
    void openingMissingKeyFails() {
        Throwable failure = Await.failure(store().openInputStream(newKey("missing.csv")));

        assertThat(failure).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    @DisplayName("A deleted object is gone, and deleting it again is fine")
    void deletesObject() throws Exception {
        String key = newKey("doomed.csv");
        put(key, GeneratedReadStream.ofSize(context, 10), 100);

        Await.result(store().delete(key));
        Await.result(store().delete(key));

        assertThat(Await.result(store().head(key))).isEmpty();
        assertNothingStored();
    }

    @Test
    @DisplayName("A file URL of the store leads back to its key, other URLs to none")
    void fileUrlAndKeyAreInverse() {
        String key = newKey("report.xlsx");

        assertThat(store().keyOf(store().fileUrl(key))).contains(key);
        assertThat(store().keyOf("http://example.com/" + key)).isEmpty();
        assertThat(store().keyOf("")).isEmpty();
    }

    @Test
    @DisplayName("Ping succeeds on a usable store")
    void pingSucceeds() {
        Await.result(store().ping());
    }

    String newKey(String fileName) {
        return StoreKeys.uploadKey(UUID.randomUUID(), UUID.randomUUID(), fileName);
    }

    long put(String key, GeneratedReadStream content, long maxBytes) {
        return Await.result(putFuture(key, content, maxBytes));
    }

    Future<Long> putFuture(String key, GeneratedReadStream content, long maxBytes) {
        return Await.onContext(context, () -> store().put(key, content, maxBytes));
    }

    /** Reads the object back through the blocking stream, off the event loop, as a parser would. */
    String sha256Of(String key) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Await.result(store().openInputStream(key)), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
