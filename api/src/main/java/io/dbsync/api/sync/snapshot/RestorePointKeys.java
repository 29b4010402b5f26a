package io.dbsync.api.sync.snapshot;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How restore points are named in a store: {@code <id>.manifest.json} beside
 * {@code <id>.archive.gz} (or {@code .archive} uncompressed), all flat under the store's location.
 * Ids start with the UTC time, so they sort by age, and end with the run's id.
 */
final class RestorePointKeys {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,100}");
    static final String MANIFEST_SUFFIX = ".manifest.json";
    static final String GZIP_ARCHIVE_SUFFIX = ".archive.gz";
    static final String PLAIN_ARCHIVE_SUFFIX = ".archive";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private RestorePointKeys() {
    }

    /** {@code 20261127T101500Z-<run id's letters and digits, at most 24>}. */
    static String newId(Instant createdAt, String runId) {
        String run = runId.replaceAll("[^A-Za-z0-9]", "");
        run = run.substring(0, Math.min(run.length(), 24));
        return TIME.format(createdAt) + (run.isEmpty() ? "" : "-" + run);
    }

    static String manifestKey(String id) {
        return id + MANIFEST_SUFFIX;
    }

    static String archiveKey(String id, String compression) {
        return id + (ArchiveObject.GZIP.equals(compression) ? GZIP_ARCHIVE_SUFFIX : PLAIN_ARCHIVE_SUFFIX);
    }

    /** The id a manifest key belongs to, if it is one. */
    static Optional<String> idOfManifest(String key) {
        return idBefore(key, MANIFEST_SUFFIX);
    }

    /** The id an archive key belongs to, if it is one. */
    static Optional<String> idOfArchive(String key) {
        return idBefore(key, GZIP_ARCHIVE_SUFFIX).or(() -> idBefore(key, PLAIN_ARCHIVE_SUFFIX));
    }

    private static Optional<String> idBefore(String key, String suffix) {
        if (!key.endsWith(suffix)) {
            return Optional.empty();
        }
        String id = key.substring(0, key.length() - suffix.length());
        return ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }
}
