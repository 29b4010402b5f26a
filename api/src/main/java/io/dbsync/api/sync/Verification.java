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

    static void checkDigest(String collection, String sourceDigest, String stagedDigest) {
        if (!sourceDigest.equals(stagedDigest)) {
            throw new VerificationException("collection '" + collection + "' did not verify: the content digest of the staging"
                    + " collection (" + stagedDigest.substring(0, 12) + "…) differs from the source as read ("
                    + sourceDigest.substring(0, 12) + "…)");
        }
    }
}
