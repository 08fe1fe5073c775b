package io.porter.storage;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Keeps files under a root folder, one file per key. */
public final class LocalBlobStore implements BlobStore {

    private static final String URL_PREFIX = "local:";

    private final Vertx vertx;
    private final Path root;

    public LocalBlobStore(Vertx vertx, Path root) {
        this.vertx = vertx;
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String fileUrl(String key) {
        return URL_PREFIX + key;
    }

    @Override
    public Optional<String> keyOf(String fileUrl) {
        if (fileUrl == null || !fileUrl.startsWith(URL_PREFIX) || fileUrl.length() == URL_PREFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(fileUrl.substring(URL_PREFIX.length()));
    }

    @Override
    public Future<Long> put(String key, ReadStream<Buffer> content, long maxBytes) {
        return withPath(key, target -> {
            // A unique temp name in the same folder, so the final move is an atomic rename.
            Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".partial");
            FileSystem fs = vertx.fileSystem();
            return fs.mkdirs(target.getParent().toString())
                    .compose(v -> fs.open(temp.toString(), new OpenOptions().setWrite(true).setCreateNew(true)))
                    .compose(file -> writeThenMove(content, maxBytes, file, temp, target));
        });
    }

    @Override
    public Future<Long> putFile(String key, Path file) {
        return place(key, file, Files::copy);
    }

    @Override
    public Future<Long> moveFile(String key, Path file) {
        // a rename on one file system; across file systems Files.move copies, then deletes the source
        return place(key, file, Files::move);
    }

    /** How a local file gets to the temporary name beside its object. */
    @FunctionalInterface
    private interface Transfer {
        void to(Path source, Path temp) throws IOException;
    }

    /** The file goes to a temporary name beside the object, then atomically to the object's name. */
    private Future<Long> place(String key, Path file, Transfer transfer) {
        return withPath(key, target -> vertx.executeBlocking(() -> {
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".partial");
            try {
                transfer.to(file, temp);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return Files.size(target);
            } finally {
                Files.deleteIfExists(temp);
            }
        }, false));
    }

    private Future<Long> writeThenMove(
            ReadStream<Buffer> content, long maxBytes, AsyncFile file, Path temp, Path target) {
        FileSink sink = new FileSink(file);
        CopyOptions atomicReplace = new CopyOptions().setAtomicMove(true).setReplaceExisting(true);
        return LimitedStreamReader.readAll(content, maxBytes, sink)
                .compose(size -> sink.close()
                        .compose(v -> vertx.fileSystem().move(temp.toString(), target.toString(), atomicReplace))
                        .map(size))
                .recover(failure -> discard(file, temp).transform(ignored -> Future.failedFuture(failure)));
    }

    private Future<Void> discard(AsyncFile file, Path temp) {
        return file.close().transform(ignored -> vertx.fileSystem().delete(temp.toString()));
    }

    @Override
    public Future<Optional<ObjectInfo>> head(String key) {
        return withPath(key, path -> vertx.fileSystem().exists(path.toString()).compose(exists -> {
            if (!exists) {
                return Future.succeededFuture(Optional.empty());
            }
            return vertx.fileSystem().props(path.toString()).map(props -> props.isRegularFile()
                    ? Optional.of(new ObjectInfo(key, props.size()))
                    : Optional.empty());
        }));
    }

    @Override
    public Future<InputStream> openInputStream(String key) {
        return withPath(key, path -> vertx.executeBlocking(() -> {
            if (!Files.isRegularFile(path)) {
                throw new ObjectNotFoundException(key);
            }
            try {
                return Files.newInputStream(path);
            } catch (NoSuchFileException deletedMeanwhile) {
                throw new ObjectNotFoundException(key);
            }
        }, false));
    }

    @Override
    public Future<Void> delete(String key) {
        return withPath(key, path -> vertx.executeBlocking(() -> {
            Files.deleteIfExists(path);
            return null;
        }, false));
    }

    @Override
    public Future<Void> ping() {
        return vertx.executeBlocking(() -> {
            Files.createDirectories(root);
            if (!Files.isWritable(root)) {
                throw new IllegalStateException("Storage folder is not writable: " + root);
            }
            return null;
        }, false);
    }

    @Override
    public String describe() {
        return URL_PREFIX + root;
    }

    private <T> Future<T> withPath(String key, Function<Path, Future<T>> action) {
        Path path;
        try {
            path = pathOf(key);
        } catch (IllegalArgumentException badKey) {
            return Future.failedFuture(badKey);
        }
        return action.apply(path);
    }

    private Path pathOf(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("Empty storage key");
        }
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("Storage key leaves the storage folder: " + key);
        }
        return path;
    }

    /** Writes chunks to the file, asking the reader to wait while the file's write queue is full. */
    private static final class FileSink implements LimitedStreamReader.ChunkSink {

        private final AsyncFile file;
        private Throwable writeFailure;

        FileSink(AsyncFile file) {
            this.file = file;
        }

        @Override
        public Future<Void> accept(Buffer chunk) {
            if (writeFailure != null) {
                return Future.failedFuture(writeFailure);
            }
            file.write(chunk).onFailure(failure -> writeFailure = failure);
            if (!file.writeQueueFull()) {
                return Future.succeededFuture();
            }
            Promise<Void> drained = Promise.promise();
            file.drainHandler(v -> drained.tryComplete());
            return drained.future();
        }

        Future<Void> close() {
            return file.close().compose(v -> writeFailure == null
                    ? Future.<Void>succeededFuture()
                    : Future.<Void>failedFuture(writeFailure));
        }
    }
}
