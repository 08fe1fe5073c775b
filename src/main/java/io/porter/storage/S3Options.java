package io.porter.storage;

import java.util.Objects;

/**
 * Where the S3 store keeps its files. {@code endpoint} is set for S3-compatible servers (then
 * path-style access is used); without access keys the AWS default credential chain applies.
 */
public record S3Options(
        String bucket, String endpoint, String region, String accessKeyId, String secretAccessKey) {

    public S3Options {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(region, "region");
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("S3 bucket must not be blank");
        }
    }

    boolean hasEndpoint() {
        return endpoint != null && !endpoint.isBlank();
    }

    boolean hasStaticCredentials() {
        return accessKeyId != null && !accessKeyId.isBlank() && secretAccessKey != null;
    }

    @Override
    public String toString() {
        // Never print the secret.
        return "S3Options[bucket=" + bucket + ", endpoint=" + endpoint + ", region=" + region + "]";
    }
}
