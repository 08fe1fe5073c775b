package io.porter.storage;

import io.porter.config.PorterConfig;
import io.vertx.core.Vertx;

/** The store the settings ask for: a local folder (default) or an S3 bucket. */
public final class BlobStores {

    private BlobStores() {
    }

    public static BlobStore create(Vertx vertx, PorterConfig.Storage settings) {
        return switch (settings.kind()) {
            case LOCAL -> new LocalBlobStore(vertx, settings.dir().toAbsolutePath());
            case S3 -> new S3BlobStore(vertx, s3Options(settings.s3()));
        };
    }

    public static S3Options s3Options(PorterConfig.S3 s3) {
        return new S3Options(s3.bucket(), s3.endpoint().orElse(null), s3.region(),
                s3.accessKeyId().orElse(null), s3.secretAccessKey().orElse(null));
    }
}
