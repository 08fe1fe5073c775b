package io.porter.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.ReadStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Keeps files as objects of one S3 bucket (AWS or an S3-compatible server). */
public final class S3BlobStore implements BlobStore, AutoCloseable {

    /** S3 wants every multipart part but the last to have at least this many bytes. */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

    // an AsyncFile reads 8 KiB at a time by default: 10,000 event-loop turns for an 80 MB export
    private static final int FILE_READ_BYTES = 1024 * 1024;
    private final Vertx vertx;
    private final S3Options options;
    private final int partSize;
    private final S3AsyncClient s3;
    private final S3Presigner presigner;
    private final AwsCredentialsProvider credentials;
    private final S3Calls calls;

    public S3BlobStore(Vertx vertx, S3Options options) {
        this(vertx, options, DEFAULT_PART_SIZE);
    }

    /** {@code partSize} bytes are held in memory per running upload. */
    public S3BlobStore(Vertx vertx, S3Options options, int partSize) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("S3 part size must be at least " + MIN_PART_SIZE + " bytes");
        }
        this.vertx = vertx;
        this.options = options;
        this.partSize = partSize;
        this.credentials = credentialsOf(options);
        this.calls = new S3Calls(vertx);
        this.s3 = clientOf(options, credentials);
        this.presigner = presignerOf(options, credentials);
    }

    private static AwsCredentialsProvider credentialsOf(S3Options options) {
        if (options.hasStaticCredentials()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(options.accessKeyId(), options.secretAccessKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static S3AsyncClient clientOf(S3Options options, AwsCredentialsProvider credentials) {
        S3AsyncClientBuilder builder = S3AsyncClient.builder()
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .region(Region.of(options.region()))
                .credentialsProvider(credentials)
                // Checksums only where S3 demands them: S3-compatible servers differ in their support of
                // the newer flexible checksums, and TLS already protects the bytes in transit.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
        if (options.hasEndpoint()) {
            builder.endpointOverride(URI.create(options.endpoint())).forcePathStyle(true);
        }
        return builder.build();
    }

    private static S3Presigner presignerOf(S3Options options, AwsCredentialsProvider credentials) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(Region.of(options.region()))
                .credentialsProvider(credentials);
        if (options.hasEndpoint()) {
            builder.endpointOverride(URI.create(options.endpoint()))
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        }
        return builder.build();
    }

    @Override
    public String fileUrl(String key) {
        return urlPrefix() + key;
    }

    @Override
    public Optional<String> keyOf(String fileUrl) {
        String prefix = urlPrefix();
        if (fileUrl == null || !fileUrl.startsWith(prefix) || fileUrl.length() == prefix.length()) {
            return Optional.empty();
        }
        return Optional.of(fileUrl.substring(prefix.length()));
    }

    private String urlPrefix() {
        return "s3://" + options.bucket() + "/";
    }

    @Override
    public Future<Long> putFile(String key, Path file) {
        return vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true))
                .compose(content -> put(key, content.setReadBufferSize(FILE_READ_BYTES), Long.MAX_VALUE)
                        .eventually(content::close));
    }

    @Override
    public Future<Long> moveFile(String key, Path file) {
        return putFile(key, file).compose(size -> vertx.fileSystem().delete(file.toString()).map(size));
    }

    @Override
    public Future<Long> put(String key, ReadStream<Buffer> content, long maxBytes) {
        S3ObjectUpload upload = new S3ObjectUpload(s3, calls, options.bucket(), key, partSize);
        return LimitedStreamReader.readAll(content, maxBytes, upload)
                .compose(size -> upload.finish().map(size))
                .recover(failure -> upload.abort().transform(ignored -> Future.failedFuture(failure)));
    }

    @Override
    public Future<Optional<ObjectInfo>> head(String key) {
        return call(() -> s3.headObject(r -> r.bucket(options.bucket()).key(key)))
                .map(response -> Optional.of(new ObjectInfo(key, response.contentLength())))
                .recover(failure -> S3Calls.isNotFound(failure)
                        ? Future.succeededFuture(Optional.empty())
                        : Future.failedFuture(failure));
    }

    @Override
    public Future<InputStream> openInputStream(String key) {
        return call(() -> s3.getObject(r -> r.bucket(options.bucket()).key(key),
                        AsyncResponseTransformer.toBlockingInputStream()))
                .<InputStream>map(stream -> stream)
                .recover(failure -> Future.failedFuture(S3Calls.isNotFound(failure)
                        ? new ObjectNotFoundException(key)
                        : failure));
    }

    @Override
    public Future<Void> delete(String key) {
        return call(() -> s3.deleteObject(r -> r.bucket(options.bucket()).key(key))).mapEmpty();
    }

    @Override
    public Future<Void> ping() {
        return call(() -> s3.headBucket(r -> r.bucket(options.bucket()))).mapEmpty();
    }

    @Override
    public String describe() {
        String where = options.hasEndpoint() ? " at " + options.endpoint() : " in " + options.region();
        return "s3://" + options.bucket() + where;
    }

    /** A URL that lets a plain HTTP GET download the object until {@code ttl} has passed. */
    @Override
    public Future<Optional<String>> presignedGetUrl(String key, Duration ttl) {
        return presign(key, ttl).map(Optional::of);
    }

    public Future<String> presign(String key, Duration ttl) {
        // Signing may first fetch credentials (instance metadata, files), so off the event loop.
        return vertx.executeBlocking(() -> presigner.presignGetObject(p -> p
                        .signatureDuration(ttl)
                        .getObjectRequest(r -> r.bucket(options.bucket()).key(key)))
                .url().toString(), false);
    }

    /** Creates the bucket unless it exists; for development setups and tests. */
    public Future<Void> createBucketIfMissing() {
        return ping().recover(failure -> S3Calls.isNotFound(failure)
                ? call(() -> s3.createBucket(r -> r.bucket(options.bucket()))).mapEmpty()
                : Future.failedFuture(failure));
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
        calls.close();
        if (credentials instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("Could not close the S3 credentials provider", e);
            }
        }
    }

    private <T> Future<T> call(Supplier<CompletableFuture<T>> request) {
        return calls.call(request);
    }
}
