package io.dbsync.api.sync.guard;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.dbsync.api.sync.mongo.ChangeStreams;
import io.dbsync.api.sync.mongo.ClusterClock;
import io.dbsync.api.sync.mongo.IndexSpecs;
import io.dbsync.api.sync.mongo.ParallelReads;
import io.dbsync.api.sync.mongo.StandbyInventory;
import io.dbsync.api.sync.plan.StreamPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bson.RawBsonDocument;

/**
 * Takes the standby's mark right after dbsync's last write of a run: its change-stream position
 * (the database's, or each collection's), and per collection its count, its {@code _id} bounds (only
 * when there is no stream: the counts detector needs them) and its digest when the run computed one.
 * A write by someone else between dbsync's last write and this mark is not seen: the window is one
 * round trip long, and an operator who fails over pauses first.
 */
public final class MarkTaker {
    private final MongoDatabase target;

    public MarkTaker(MongoDatabase target) {
        this.target = target;
    }

    /**
     * @param floor    the standby's clock before the run's first write: on a server that hands out
     *                 no resume token up front, each collection's stream is read from there to the end
     * @param digestOf a collection's digest as the run computed it, or null
     */
    public StandbyMark take(ClusterClock.Now floor, Function<String, String> digestOf) {
        StandbyInventory inventory = StandbyInventory.read(target);
        Optional<StreamPosition> database = ChangeStreams.databasePosition(target);
        // Each collection's mark is a few reads of its own: taken together, in name order.
        List<StandbyMark.CollectionMark> collections = ParallelReads.map(inventory.names().stream().sorted().toList(), name -> {
            Long documents = inventory.documents().get(name);
            if (documents == null) {
                return new StandbyMark.CollectionMark(name, true, null, 0, null, null, null, false);
            }
            MongoCollection<RawBsonDocument> collection = target.getCollection(name, RawBsonDocument.class);
            String position = database.isPresent() ? null : ChangeStreams.currentPosition(collection, floor, Integer.MAX_VALUE)
                    .map(StreamPosition::toJson).orElse(null);
            IdBounds bounds = database.isPresent() || position != null ? new IdBounds(null, null) : IdBounds.read(collection);
            boolean ttl = IndexSpecs.read(collection).stream().anyMatch(spec -> spec.containsKey("expireAfterSeconds"));
            return new StandbyMark.CollectionMark(name, false, position, documents, bounds.min(), bounds.max(),
                    digestOf.apply(name), ttl);
        });
        return new StandbyMark(database.map(StreamPosition::toJson).orElse(null), List.copyOf(collections));
    }
}
