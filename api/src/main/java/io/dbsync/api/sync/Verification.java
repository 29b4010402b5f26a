package io.dbsync.api.sync;

import java.util.List;
import org.bson.BsonDocument;

/** The checks a staged collection must pass before it may be swapped in. */
final class Verification {
    private Verification() {
    }

    static void check(String collection, long read, long written, long counted,
                      List<BsonDocument> sourceIndexes, List<BsonDocument> stagedIndexes) {
        if (read != written || written != counted) {
            throw new VerificationException("collection '" + collection + "' did not verify: read " + read
                    + " documents, wrote " + written + ", staging holds " + counted);
        }
        List<String> differences = IndexSpecs.differences(sourceIndexes, stagedIndexes);
        if (!differences.isEmpty()) {
            throw new VerificationException("collection '" + collection + "' did not verify: "
                    + String.join("; ", differences));
        }
    }
}
