package io.dbsync.api.sync;

/**
 * A collection's figures while a run is in flight.
 *
 * @param state              {@code queued}, {@code copying} or {@code staged}
 * @param estimatedDocuments the source's estimate when the run planned it
 * @param estimatedBytes     the source's data-size estimate (0 when the server gives none)
 */
public record CollectionProgress(String name, String state, long documents, long bytes,
                                 long estimatedDocuments, long estimatedBytes) {
}
