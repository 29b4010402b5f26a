package io.dbsync.api.sync.guard;

import java.util.List;
import java.util.Optional;

/**
 * Where the standby stood right after dbsync's last write: what the next run compares it with.
 *
 * @param databasePosition the standby database's change-stream position (extended JSON), when the
 *                         server has database-level streams; else null and each collection has its own
 * @param collections      every standby collection (views included, staging left out)
 */
public record StandbyMark(String databasePosition, List<CollectionMark> collections) {

    /**
     * One standby collection as dbsync left it.
     *
     * @param position  its own change-stream position, when there is no database-level one
     * @param documents the server's count
     * @param minId     the lowest {@code _id} (extended JSON), recorded when the standby has no change stream
     * @param maxId     the highest {@code _id}, likewise
     * @param digest    the content digest, when the run computed it ({@code verify=digest})
     * @param ttl       a TTL index may delete documents on the standby by itself
     */
    public record CollectionMark(String name, boolean view, String position, long documents, String minId, String maxId,
                                 String digest, boolean ttl) {
    }

    public Optional<CollectionMark> collection(String name) {
        return collections.stream().filter(mark -> mark.name().equals(name)).findFirst();
    }

    /** The standby had change streams when the mark was taken. */
    public boolean hasStreamPositions() {
        return databasePosition != null
                || collections.stream().anyMatch(mark -> !mark.view() && mark.position() != null);
    }

    /** Every collection's digest is known, so a fingerprint can be compared. */
    public boolean hasDigests() {
        return collections.stream().filter(mark -> !mark.view()).allMatch(mark -> mark.digest() != null);
    }
}
