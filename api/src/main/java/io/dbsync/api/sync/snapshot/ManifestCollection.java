package io.dbsync.api.sync.snapshot;

import io.dbsync.api.sync.snapshot.archive.NamespaceFigures;
import io.dbsync.api.sync.snapshot.archive.NamespaceMetadata;

/**
 * One collection of a restore point as its manifest records it: the namespace the archive's prelude
 * names ({@code db.collection}), its type as listCollections reports it, and the archive writer's
 * figures for its data (for a time-series collection, its buckets): documents, raw BSON bytes and
 * the CRC-64 (ECMA) in 16 lower-case hex digits, as mongorestore checks it.
 */
public record ManifestCollection(String name, String type, long documents, long bytes, String crc) {
    public ManifestCollection {
        if (name == null || name.isBlank() || type == null || crc == null || !crc.matches("[0-9a-f]{16}")
                || documents < 0 || bytes < 0) {
            throw new IllegalArgumentException("an incomplete manifest entry for collection " + name);
        }
    }

    /** The entry for one namespace of an archive, from its prelude metadata and the writer's figures. */
    public static ManifestCollection of(NamespaceMetadata metadata, NamespaceFigures figures) {
        if (!metadata.dataNamespace().equals(figures.namespace())) {
            throw new IllegalArgumentException("figures for " + figures.namespace() + " do not belong to " + metadata.namespace());
        }
        return new ManifestCollection(metadata.namespace().toString(), metadata.type().wireName(), figures.documents(),
                figures.bytes(), figures.crcHex());
    }
}
