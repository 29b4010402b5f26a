package io.dbsync.api.sync.snapshot;

import java.net.URI;
import java.util.Optional;

/**
 * How to reach S3 beyond the bucket: an endpoint for S3-compatible stores and tests (then with
 * path-style addressing), a region when the AWS default chain should not decide, and the size of
 * the parts a multipart upload sends (also what one upload holds in memory).
 */
public record S3Options(Optional<URI> endpoint, Optional<String> region, int partBytes) {
    /** S3's smallest part (except the last). */
    public static final int MIN_PART_BYTES = 5 * 1024 * 1024;
    public static final int MAX_PART_BYTES = 512 * 1024 * 1024;
    public static final int DEFAULT_PART_BYTES = 8 * 1024 * 1024;
    /** S3's limit on parts in one multipart upload. */
    public static final int MAX_PARTS = 10_000;

    public S3Options {
        if (partBytes < MIN_PART_BYTES || partBytes > MAX_PART_BYTES) {
            throw new IllegalArgumentException("an S3 part must be 5 MiB to 512 MiB, not " + partBytes + " bytes");
        }
    }

    public static S3Options defaults() {
        return new S3Options(Optional.empty(), Optional.empty(), DEFAULT_PART_BYTES);
    }

    /** Path-style addressing goes with an endpoint override: S3-compatible stores rarely serve bucket subdomains. */
    public boolean pathStyle() {
        return endpoint.isPresent();
    }
}
