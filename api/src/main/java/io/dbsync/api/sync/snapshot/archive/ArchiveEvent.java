package io.dbsync.api.sync.snapshot.archive;

import org.bson.RawBsonDocument;

/** What {@link ArchiveReader#next} found next in the archive's namespace blocks. */
public sealed interface ArchiveEvent permits ArchiveEvent.Document, ArchiveEvent.NamespaceEnd {
    /** The data namespace (for a time-series collection: its {@code system.buckets.} collection). */
    Namespace namespace();

    /**
     * One document, as its bytes stand in the archive, starting at {@code offset} of the
     * uncompressed stream. Its namespace is verified only when its {@link NamespaceEnd} arrives.
     */
    record Document(Namespace namespace, RawBsonDocument document, long offset) implements ArchiveEvent {
    }

    /** A namespace's EOF block, whose CRC-64 matched the documents read for it. */
    record NamespaceEnd(NamespaceFigures figures) implements ArchiveEvent {
        @Override
        public Namespace namespace() {
            return figures.namespace();
        }
    }
}
