package io.dbsync.api.sync.snapshot;

import io.dbsync.api.sync.snapshot.archive.ArchiveWriter;

/**
 * How runs write restore points: into which store, how often, how many are kept, how compressed,
 * and the source's name as manifests record it (hosts and database, never credentials).
 */
public record RestorePointPolicy(RestorePoints points, SnapshotSchedule schedule, Retention retention,
                                 ArchiveWriter.Compression compression, String sourceIdentity) {
}
