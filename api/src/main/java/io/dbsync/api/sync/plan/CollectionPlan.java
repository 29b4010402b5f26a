package io.dbsync.api.sync.plan;

import org.bson.BsonDocument;

/**
 * One task of a run: a source namespace and how to copy it.
 *
 * @param options            the {@code options} document {@code listCollections} reported (validator,
 *                           collation, capped, timeseries, clusteredIndex, viewOn/pipeline …)
 * @param estimatedDocuments the source's own estimate, for ordering and progress
 * @param estimatedBytes     the source's data size estimate, for ordering and progress
 * @param estimatedIndexBytes the source's index size estimate, for the standby's storage plan
 */
public record CollectionPlan(String name, CollectionKind kind, BsonDocument options,
                             long estimatedDocuments, long estimatedBytes, long estimatedIndexBytes) {

    public CollectionPlan(String name, CollectionKind kind, BsonDocument options, long estimatedDocuments,
                          long estimatedBytes) {
        this(name, kind, options, estimatedDocuments, estimatedBytes, 0);
    }

    /** What a copy of this collection adds to the standby: its documents and its indexes. */
    public long estimatedStorageBytes() {
        return estimatedBytes + estimatedIndexBytes;
    }

    public boolean isCapped() {
        return options.getBoolean("capped", org.bson.BsonBoolean.FALSE).getValue();
    }

    /**
     * Capped and time-series collections are read in natural order: capped ones must keep their
     * insertion order, and time-series ones have no {@code _id} index to sort on.
     */
    public boolean scansInIdOrder() {
        return kind == CollectionKind.COLLECTION && !isCapped();
    }
}
