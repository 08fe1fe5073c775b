package io.porter.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3 server (s3proxy) in the test JVM on 127.0.0.1 with AWS V4 auth, files in a temp folder,
 * and one bucket. Register it in a test class:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final S3TestServer S3 = new S3TestServer();
 * ... new S3BlobStore(vertx, S3.options())
 * </pre>
 */
public final class S3TestServer implements BeforeAllCallback, AfterAllCallback {

    public static final String ACCESS_KEY_ID = "porter-test-access";
    public static final String SECRET_ACCESS_KEY = "porter-test-secret";
    public static final String REGION = "us-east-1";

    private final String bucket;
    private Path dataDir;
    private S3Proxy proxy;
    private S3AsyncClient client;

    public S3TestServer() {
        this("porter-test");
    }

    public S3TestServer(String bucket) {
        this.bucket = bucket;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    public void start() throws Exception {
        dataDir = Files.createTempDirectory("porter-s3proxy");
        BlobStore blobStore = BlobStores.create("filesystem", filesystemProperties());
        proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        blobStore.createContainer(bucket);
    }

    private Properties filesystemProperties() {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", dataDir.toString());
        properties.setProperty("jclouds.identity", ACCESS_KEY_ID);
        properties.setProperty("jclouds.credential", SECRET_ACCESS_KEY);
        return properties;
    }

    public void stop() throws Exception {
        if (client != null) {
            client.close();
            client = null;
        }
        if (proxy != null) {
            proxy.stop();
            proxy = null;
        }
        if (dataDir != null) {
            deleteRecursively(dataDir);
            dataDir = null;
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public String bucket() {
        return bucket;
    }

    public S3Options options() {
        return options(bucket);
    }

    /** Options for another bucket of the same server, which may not exist. */
    public S3Options options(String otherBucket) {
        return new S3Options(otherBucket, endpoint(), REGION, ACCESS_KEY_ID, SECRET_ACCESS_KEY);
    }

    /** A plain SDK client on the server, for checks that bypass the store under test. */
    public synchronized S3AsyncClient client() {
        if (client == null) {
            client = S3AsyncClient.builder()
                    .endpointOverride(URI.create(endpoint()))
                    .forcePathStyle(true)
                    .region(Region.of(REGION))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                    .build();
        }
        return client;
    }

    /** The keys of all objects in the bucket. */
    public List<String> objectKeys() {
        return client().listObjectsV2(r -> r.bucket(bucket)).join()
                .contents().stream().map(S3Object::key).toList();
    }

    /** The keys of multipart uploads that were started and neither completed nor aborted. */
    public List<String> pendingMultipartUploads() {
        return client().listMultipartUploads(r -> r.bucket(bucket)).join()
                .uploads().stream().map(MultipartUpload::key).toList();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
