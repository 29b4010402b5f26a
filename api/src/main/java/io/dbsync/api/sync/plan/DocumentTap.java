package io.dbsync.api.sync.plan;

import java.util.List;
import org.bson.RawBsonDocument;

/**
 * Hears every document a full copy reads from the source, batch by batch, and when a collection's
 * copy has been verified: how a run writes a restore point without a second pass over the source.
 * A tap may block (its own bounded buffer is full) but must never fail the copy: its own
 * failures are its own to report.
 */
public interface DocumentTap {
    DocumentTap NONE = new DocumentTap() {
        @Override
        public void read(String collection, List<RawBsonDocument> batch) {
        }

        @Override
        public void copied(String collection) {
        }
    };

    /** A batch of {@code collection}'s documents, in the order the copy read them (each exactly once). */
    void read(String collection, List<RawBsonDocument> batch) throws InterruptedException;

    /** Every document of {@code collection} was handed over and its copy verified. */
    void copied(String collection) throws InterruptedException;
}
