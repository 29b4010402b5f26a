package io.dbsync.api.sync.mongo;

import io.dbsync.api.sync.plan.VerificationException;
import org.bson.BsonDocument;
import java.util.List;
import java.util.Optional;

/**
 * The one vocabulary of checks a collection passes before it counts as a copy of its source —
 * staged before a swap, or brought up to date in place by a delta. Each check answers what is
 * wrong, naming the collection, or empty; {@link #require} turns an answer into a failure.
 */
public final class Verification {
    private Verification() {
    }

    /** A staged copy: every document read was written, and staging holds exactly those. */
    public static Optional<String> copiedCounts(String collection, long read, long written, long counted) {
        return read == written && written == counted ? Optional.empty()
                : Optional.of(failed(collection) + "read " + read + " documents, wrote " + written + ", staging holds "
                        + counted);
    }

    /** A delta: the standby holds as many documents as the source ({@code sourceSide} says which reading). */
    public static Optional<String> deltaCounts(String collection, String sourceSide, long source, long standby) {
        return source == standby ? Optional.empty()
                : Optional.of("collection '" + collection + "' did not verify after the delta: " + sourceSide + " " + source
                        + " documents, the standby holds " + standby);
    }

    /** Index specs equal, whatever their order and the server's defaults. */
    public static Optional<String> indexes(String collection, List<BsonDocument> source, List<BsonDocument> standby) {
        List<String> differences = IndexSpecs.differences(source, standby);
        return differences.isEmpty() ? Optional.empty() : Optional.of(failed(collection) + String.join("; ", differences));
    }

    /** Equal content digests ({@link ContentDigest}); {@code side} names what was read back. */
    public static Optional<String> digests(String collection, String side, String source, String standby) {
        return source.equals(standby) ? Optional.empty()
                : Optional.of(failed(collection) + "the content digest of " + side + " (" + standby.substring(0, 12)
                        + "…) differs from the source as read (" + source.substring(0, 12) + "…)");
    }

    /** Throws the first problem found. */
    @SafeVarargs
    public static void require(Optional<String>... checks) {
        for (Optional<String> check : checks) {
            if (check.isPresent()) {
                throw new VerificationException(check.get());
            }
        }
    }

    private static String failed(String collection) {
        return "collection '" + collection + "' did not verify: ";
    }
}
