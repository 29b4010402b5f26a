package io.dbsync.api.sync.guard;

import com.mongodb.MongoException;
import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import io.dbsync.api.sync.mongo.ChangeStreams;
import io.dbsync.api.sync.mongo.FailureMessages;
import io.dbsync.api.sync.mongo.ParallelReads;
import io.dbsync.api.sync.plan.StagingNames;
import io.dbsync.api.sync.plan.StreamPosition;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.RawBsonDocument;

/**
 * The exact detector: reads the standby's change stream from the position the mark recorded up to
 * now. Every event there is a write dbsync did not make — except deletes by a TTL index, which the
 * primary makes too, and writes to dbsync's own staging collections.
 */
final class StreamDetector {
    /** Events read at most; past it the counts say "at least", and the verdict is the same. */
    static final int MAX_EVENTS = 10_000;

    private final MongoDatabase target;

    /** The standby cannot replay its changes from the mark (history lost, no replica set, a token it refuses). */
    static final class Unusable extends RuntimeException {
        Unusable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    StreamDetector(MongoDatabase target) {
        this.target = target;
    }

    /** @param present the standby's collections now (a dropped one's stream is not read: its drop is seen by name) */
    ForeignWrites read(StandbyMark mark, Set<String> present) {
        ForeignWrites writes = new ForeignWrites();
        if (mark.databasePosition() != null) {
            drain(target.watch(RawBsonDocument.class).showExpandedEvents(true), mark.databasePosition(), null, mark, writes);
            return writes;
        }
        List<StandbyMark.CollectionMark> streams = mark.collections().stream()
                .filter(collection -> !collection.view() && collection.position() != null && present.contains(collection.name()))
                .toList();
        // One stream per collection, each a few round trips: read together, tallied in the mark's order.
        ParallelReads.map(streams, collection -> {
            ForeignWrites found = new ForeignWrites();
            drain(target.getCollection(collection.name(), RawBsonDocument.class).watch(RawBsonDocument.class),
                    collection.position(), collection.name(), mark, found);
            return found;
        }).forEach(writes::addAll);
        return writes;
    }

    private void drain(ChangeStreamIterable<RawBsonDocument> stream, String position, String collection, StandbyMark mark,
                       ForeignWrites writes) {
        StreamPosition from = StreamPosition.parse(position);
        stream = from.resumeToken() != null ? stream.resumeAfter(from.resumeToken()) : stream.startAtOperationTime(from.startAt());
        try (MongoChangeStreamCursor<ChangeStreamDocument<RawBsonDocument>> cursor = stream.batchSize(1000)
                .maxAwaitTime(ChangeStreams.AWAIT_MILLIS, TimeUnit.MILLISECONDS).cursor()) {
            for (int read = 0; read < MAX_EVENTS; read++) {
                ChangeStreamDocument<RawBsonDocument> event = cursor.tryNext();
                if (event == null || "invalidate".equals(event.getOperationTypeString())) {
                    return;
                }
                classify(event, collection, mark, writes);
            }
        } catch (MongoException e) {
            if (ChangeStreams.isRefusal(e)) {
                throw new Unusable("the standby's change stream could not replay from the mark: "
                        + FailureMessages.describe(e), e);
            }
            throw e;
        }
    }

    private static void classify(ChangeStreamDocument<RawBsonDocument> event, String collection, StandbyMark mark,
                                 ForeignWrites writes) {
        String name = event.getNamespace() != null && event.getNamespace().getCollectionName() != null
                ? event.getNamespace().getCollectionName() : collection;
        if (name == null || StagingNames.isSkipped(name)) {
            return;
        }
        switch (event.getOperationTypeString()) {
            case "insert" -> writes.inserted(name);
            case "update", "replace" -> writes.updated(name);
            case "delete" -> {
                if (mark.collection(name).map(StandbyMark.CollectionMark::ttl).orElse(false)) {
                    writes.ttlDeleteIgnored();
                } else {
                    writes.deleted(name);
                }
            }
            case "drop", "rename" -> writes.dropped(name);
            case "create" -> writes.created(name);
            case "dropDatabase" -> mark.collections().forEach(dropped -> writes.dropped(dropped.name()));
            default -> writes.changed(name);
        }
    }
}
