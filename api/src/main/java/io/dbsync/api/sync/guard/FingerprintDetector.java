package io.dbsync.api.sync.guard;

import com.mongodb.client.MongoDatabase;
import io.dbsync.api.sync.mongo.ContentDigest;
import io.dbsync.api.sync.mongo.StandbyInventory;
import java.util.ArrayList;
import java.util.List;
import org.bson.RawBsonDocument;

/**
 * The content fingerprint: each standby collection's digest (SHA-256 over its raw documents in
 * {@code _id} order) against the one the last run recorded. It sees every change to the documents
 * and costs one read of the standby; it cannot say how many documents changed. A collection with a
 * TTL index changes by itself, so only a growing count counts there.
 */
final class FingerprintDetector {
    private final MongoDatabase target;
    private final int batchSize;

    FingerprintDetector(MongoDatabase target, int batchSize) {
        this.target = target;
        this.batchSize = batchSize;
    }

    List<CollectionChange> compare(StandbyMark mark, StandbyInventory now) {
        List<CollectionChange> changes = new ArrayList<>();
        for (StandbyMark.CollectionMark then : mark.collections()) {
            if (then.view() || !now.documents().containsKey(then.name())) {
                continue;
            }
            long delta = now.documents().get(then.name()) - then.documents();
            if (then.ttl()) {
                if (delta > 0) {
                    changes.add(new CollectionChange(then.name(), delta, null, null, false, false, true));
                }
                continue;
            }
            String digest = ContentDigest.of(target.getCollection(then.name(), RawBsonDocument.class), batchSize);
            if (!digest.equals(then.digest())) {
                changes.add(new CollectionChange(then.name(), delta > 0 ? delta : null, null, delta < 0 ? -delta : null,
                        false, false, true));
            }
        }
        return changes;
    }
}
