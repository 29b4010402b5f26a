package io.dbsync.api.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code SNAPSHOT_*} settings for restore points, read once from the environment. The location
 * and the schedule stay text here: {@code sync.snapshot} parses them ({@code SnapshotUri},
 * {@code SnapshotSchedule}, through {@code SnapshotSettings.from}) because config sits below it
 * and must not depend on it; their errors name the variable all the same.
 *
 * @param uri            {@code SNAPSHOT_URI}: {@code s3://bucket/prefix} or {@code file:///dir}; empty = no store
 * @param every          {@code SNAPSHOT_EVERY}: {@code 0}, or {@code 30m}/{@code 24h}/{@code 7d}; empty = runs write none
 * @param keepLast       {@code SNAPSHOT_KEEP_LAST} (default {@value #DEFAULT_KEEP_LAST})
 * @param keepDaily      {@code SNAPSHOT_KEEP_DAILY} (default {@value #DEFAULT_KEEP_DAILY})
 * @param keepWeekly     {@code SNAPSHOT_KEEP_WEEKLY} (default {@value #DEFAULT_KEEP_WEEKLY})
 * @param compression    {@code SNAPSHOT_COMPRESSION}: {@code gzip-fast} (default: gzip level 1), {@code gzip} (level 6, as
 *                       mongodump) or {@code none}; mongorestore {@code --gzip} reads either gzip
 * @param s3Endpoint     {@code SNAPSHOT_S3_ENDPOINT}: an S3-compatible endpoint (path-style); empty = AWS
 * @param s3Region       {@code SNAPSHOT_S3_REGION}; empty = the AWS default chain ({@code AWS_REGION}, profile, …)
 * @param s3PartMegabytes {@code SNAPSHOT_S3_PART_MB}: multipart part size, 5–512 (default {@value #DEFAULT_PART_MEGABYTES});
 *                       an upload holds one part in memory
 */
public record SnapshotConfig(Optional<String> uri, Optional<String> every, int keepLast, int keepDaily, int keepWeekly,
                             String compression, Optional<URI> s3Endpoint, Optional<String> s3Region, int s3PartMegabytes) {
    public static final String URI_VARIABLE = "SNAPSHOT_URI";
    public static final String EVERY_VARIABLE = "SNAPSHOT_EVERY";
    public static final int DEFAULT_KEEP_LAST = 7;
    public static final int DEFAULT_KEEP_DAILY = 7;
    public static final int DEFAULT_KEEP_WEEKLY = 4;
    public static final int DEFAULT_PART_MEGABYTES = 8;
    public static final String GZIP = "gzip";
    public static final String GZIP_FAST = "gzip-fast";
    /**
     * Level 1: in the benchmark (docs/benchmarks.md) it added about half the time level 6 did to a full
     * run (+34 % against +77 %, 2 cores shared with both servers) for an archive a third larger.
     */
    static final String DEFAULT_COMPRESSION = GZIP_FAST;
    public static final String NONE = "none";

    public SnapshotConfig {
        if (every.isPresent() && uri.isEmpty()) {
            throw new ConfigException(EVERY_VARIABLE + " is set but " + URI_VARIABLE + " is not: say where restore points go");
        }
    }

    /** No store, no restore points. */
    public static SnapshotConfig off() {
        return fromEnv(Map.of());
    }

    public static SnapshotConfig fromEnv(Map<String, String> env) {
        EnvReader reader = new EnvReader(env);
        String compression = Optional.ofNullable(reader.optional("SNAPSHOT_COMPRESSION")).orElse(DEFAULT_COMPRESSION)
                .toLowerCase(Locale.ROOT);
        if (!compression.equals(GZIP) && !compression.equals(GZIP_FAST) && !compression.equals(NONE)) {
            throw new ConfigException("SNAPSHOT_COMPRESSION must be gzip, gzip-fast or none");
        }
        return new SnapshotConfig(
                Optional.ofNullable(reader.optional(URI_VARIABLE)),
                Optional.ofNullable(reader.optional(EVERY_VARIABLE)),
                reader.integer("SNAPSHOT_KEEP_LAST", DEFAULT_KEEP_LAST, 0, 10_000),
                reader.integer("SNAPSHOT_KEEP_DAILY", DEFAULT_KEEP_DAILY, 0, 10_000),
                reader.integer("SNAPSHOT_KEEP_WEEKLY", DEFAULT_KEEP_WEEKLY, 0, 10_000),
                compression,
                Optional.ofNullable(reader.optional("SNAPSHOT_S3_ENDPOINT")).map(SnapshotConfig::endpoint),
                Optional.ofNullable(reader.optional("SNAPSHOT_S3_REGION")),
                reader.integer("SNAPSHOT_S3_PART_MB", DEFAULT_PART_MEGABYTES, 5, 512));
    }

    /** Whether completed runs write restore points. */
    public boolean enabled() {
        return every.isPresent();
    }

    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (!http || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                throw new ConfigException("SNAPSHOT_S3_ENDPOINT must be an http(s) URL of a host, without credentials or query");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("SNAPSHOT_S3_ENDPOINT is not a valid URL");
        }
    }
}
