package io.dbsync.api.sync.guard;

import com.mongodb.client.MongoDatabase;
import io.dbsync.api.sync.mongo.StandbyInventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The weakest detector, for standbys without change streams: a collection's count and its lowest
 * and highest {@code _id} against the mark. It sees inserts and deletes that change the count or
 * the bounds; it cannot see an update, nor a delete matched by an insert in the middle of the range.
 */
final class CountsDetector {
    private final MongoDatabase target;

    CountsDetector(MongoDatabase target) {
        this.target = target;
    }

    List<CollectionChange> compare(StandbyMark mark, StandbyInventory now) {
        List<CollectionChange> changes = new ArrayList<>();
        for (StandbyMark.CollectionMark then : mark.collections()) {
            Long documents = now.documents().get(then.name());
            if (then.view() || documents == null) {
                continue;
            }
            long delta = documents - then.documents();
            boolean ttlShrink = delta < 0 && then.ttl();
            Optional<IdBounds> bounds = then.minId() == null ? Optional.empty()
                    : Optional.of(IdBounds.read(target.getCollection(then.name(), org.bson.RawBsonDocument.class)));
            boolean boundsMoved = bounds.isPresent() && !bounds.get().equals(new IdBounds(then.minId(), then.maxId()));
            if ((delta != 0 && !ttlShrink) || (boundsMoved && !ttlShrink)) {
                changes.add(new CollectionChange(then.name(), delta > 0 ? delta : null, null, delta < 0 ? -delta : null,
                        false, false, true));
            }
        }
        return changes;
    }
}
