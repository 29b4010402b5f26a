package io.dbsync.api.sync.snapshot;

import java.time.Instant;

/** An object as a store lists it: its key (relative to the store's location), size and last change. */
public record StoredObject(String key, long size, Instant lastModified) {
}
