package io.porter.storage;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.file.Path;
import java.io.InputStream;
import java.util.Optional;

/**
 * Stores uploaded and exported files under keys like {@code <tenant>/uploads/<upload>/<file>}.
 * Content is streamed in and out; no method holds a whole file in memory or blocks an event loop.
 */
public interface BlobStore {

    /** The URL under which callers refer to the object with this key. */
    String fileUrl(String key);

    /** The key named by a URL of this store, or empty when the URL is not of this store. */
    Optional<String> keyOf(String fileUrl);

    /**
     * Streams {@code content} into the object and answers its size. The source is resumed by the
     * store and paused while the store catches up. When more than {@code maxBytes} arrive it fails
     * with {@link ObjectTooLargeException}; on that or any other failure nothing remains stored.
     */
    Future<Long> put(String key, ReadStream<Buffer> content, long maxBytes);

    /**
     * Stores a finished file of this machine (an export a worker wrote) as the object and answers its size;
     * the file stays where it is. The local store copies it in the kernel, S3 streams it in 1 MiB reads.
     * On failure nothing remains stored.
     */
    Future<Long> putFile(String key, Path file);

    /**
     * Like {@link #putFile}, but the store takes the file: once stored it is gone from where it was. The
     * local store renames it into its folder when both are on one file system (no copy of the bytes: a
     * 1,000,000-contact CSV took a quarter of a second to copy); S3 uploads it, then deletes it. On
     * failure nothing remains stored and the file may still be there.
     */
    Future<Long> moveFile(String key, Path file);

    Future<Optional<ObjectInfo>> head(String key);

    /**
     * A URL that downloads the object without credentials until {@code ttl} passes, when the store can
     * make one (S3: presigned GET); empty for the local store, whose links Porter signs itself.
     */
    default Future<Optional<String>> presignedGetUrl(String key, java.time.Duration ttl) {
        return Future.succeededFuture(Optional.empty());
    }

    /** A blocking stream for code on worker threads; fails with {@link ObjectNotFoundException}. */
    Future<InputStream> openInputStream(String key);

    /** Deletes the object; a missing object is not an error. */
    Future<Void> delete(String key);

    /** Succeeds when the store is usable, for the health check. */
    Future<Void> ping();

    /** Where the store keeps its files, for health details. */
    String describe();
}
