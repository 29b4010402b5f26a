package io.dbsync.api.sync.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * What makes a restore point complete: written last, after its archive, and read first. It says
 * which run wrote it and when, which source it copies (an identity without credentials, e.g.
 * {@code cluster0.example.net/shop}), where the archive is with its size and SHA-256, and what each
 * collection holds.
 *
 * @param formatVersion {@value #FORMAT_VERSION}; a manifest of a later version is not read
 */
public record Manifest(int formatVersion, String id, String runId, Instant createdAt, String source,
                       ArchiveObject archive, List<ManifestCollection> collections) {
    public static final int FORMAT_VERSION = 1;

    public Manifest {
        if (id == null || !RestorePointKeys.ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a manifest needs a restore point id of letters, digits, '.', '_' and '-'");
        }
        if (runId == null || createdAt == null || source == null || archive == null || collections == null) {
            throw new IllegalArgumentException("the manifest of restore point " + id + " is incomplete");
        }
        collections = List.copyOf(collections);
    }

    /** Documents in all collections. */
    public long documents() {
        return collections.stream().mapToLong(ManifestCollection::documents).sum();
    }
}
