package io.dbsync.api.sync.snapshot;

import java.time.Instant;

/** A complete restore point: its manifest exists and its archive is there with the recorded size. */
public record RestorePoint(Manifest manifest) {
    public String id() {
        return manifest.id();
    }

    public Instant createdAt() {
        return manifest.createdAt();
    }

    /** Size of the archive object in bytes. */
    public long bytes() {
        return manifest.archive().bytes();
    }

    public int collections() {
        return manifest.collections().size();
    }

    public long documents() {
        return manifest.documents();
    }
}
