package io.porter.storage;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One object being written to S3 from a stream of unknown length. Chunks are collected into a part
 * of {@code partSize} bytes; each full part is uploaded as a multipart part while the reader waits.
 * An object that never fills a part becomes a single PutObject.
 */
final class S3ObjectUpload implements LimitedStreamReader.ChunkSink {

    private final S3AsyncClient s3;
    private final String bucket;
    private final String key;
    private final int partSize;
    private final S3Calls calls;
    private final List<ByteBuffer> partChunks = new ArrayList<>();
    private final List<CompletedPart> completedParts = new ArrayList<>();
    private int partBytes;
    private String uploadId;

    S3ObjectUpload(S3AsyncClient s3, S3Calls calls, String bucket, String key, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.partSize = partSize;
        this.calls = calls;
    }

    @Override
    public Future<Void> accept(Buffer chunk) {
        int room = partSize - partBytes;
        if (chunk.length() < room) {
            collect(chunk.getBytes());
            return Future.succeededFuture();
        }
        collect(chunk.getBytes(0, room));
        Buffer rest = chunk.slice(room, chunk.length());
        return uploadPart().compose(v -> rest.length() == 0 ? Future.succeededFuture() : accept(rest));
    }

    /** Stores what was collected: completes the multipart upload, or puts the small object. */
    Future<Void> finish() {
        if (uploadId == null) {
            return putWholeObject();
        }
        Future<Void> lastPart = partBytes > 0 ? uploadPart() : Future.succeededFuture();
        return lastPart.compose(v -> completeMultipartUpload());
    }

    /** Drops the parts uploaded so far, so nothing of a failed upload stays billed or visible. */
    Future<Void> abort() {
        partChunks.clear();
        if (uploadId == null) {
            return Future.succeededFuture();
        }
        return call(() -> s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)))
                .mapEmpty();
    }

    private void collect(byte[] bytes) {
        partChunks.add(ByteBuffer.wrap(bytes));
        partBytes += bytes.length;
    }

    private Future<Void> putWholeObject() {
        long length = partBytes;
        AsyncRequestBody body = takePart();
        return call(() -> s3.putObject(r -> r.bucket(bucket).key(key).contentLength(length), body))
                .mapEmpty();
    }

    private Future<Void> uploadPart() {
        long length = partBytes;
        AsyncRequestBody body = takePart();
        int partNumber = completedParts.size() + 1;
        return startedUploadId()
                .compose(id -> call(() -> s3.uploadPart(
                        r -> r.bucket(bucket).key(key).uploadId(id).partNumber(partNumber).contentLength(length),
                        body)))
                .map(response -> completedParts.add(
                        CompletedPart.builder().partNumber(partNumber).eTag(response.eTag()).build()))
                .mapEmpty();
    }

    private AsyncRequestBody takePart() {
        AsyncRequestBody body = AsyncRequestBody.fromByteBuffersUnsafe(partChunks.toArray(ByteBuffer[]::new));
        partChunks.clear();
        partBytes = 0;
        return body;
    }

    private Future<String> startedUploadId() {
        if (uploadId != null) {
            return Future.succeededFuture(uploadId);
        }
        return call(() -> s3.createMultipartUpload(r -> r.bucket(bucket).key(key)))
                .map(response -> uploadId = response.uploadId());
    }

    private Future<Void> completeMultipartUpload() {
        return call(() -> s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(completedParts))))
                .mapEmpty();
    }

    private <T> Future<T> call(Supplier<CompletableFuture<T>> request) {
        return calls.call(request);
    }
}
