package io.dbsync.api.sync.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoQueryException;
import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import io.dbsync.api.sync.plan.StreamPosition;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Opening collection-level change streams on the source, and telling what a failure to open one means. */
public final class ChangeStreams {
    /** How long one poll of a caught-up stream waits for new events before it counts as drained. */
    public static final long AWAIT_MILLIS = 200;

    private ChangeStreams() {
    }

    /** Events a position capture reads at most to reach the present; beyond that it keeps the (earlier) token it has. */
    public static final int CAPTURE_MAX_EVENTS = 10_000;

    /**
     * The position a copy that starts now must record, so that the next delta replays every change
     * the copy may have missed. A real server hands out a resume token as soon as the stream opens.
     * A server that does not is read from {@code now}'s floor up to the present, and the last
     * event's token is the position (every change before it happened before the copy began).
     * Empty when the source has no change streams (a standalone server).
     */
    public static Optional<StreamPosition> positionBeforeCopy(MongoCollection<RawBsonDocument> source, ClusterClock.Now now) {
        return currentPosition(source, now, CAPTURE_MAX_EVENTS);
    }

    /**
     * The collection's position now: the server's token, or — on a server that hands out none before
     * the first event — the last event's token, reading from {@code floor} for at most {@code maxEvents}.
     * Empty when the server has no change streams.
     */
    public static Optional<StreamPosition> currentPosition(MongoCollection<RawBsonDocument> source, ClusterClock.Now now,
                                                           int maxEvents) {
        try {
            try (MongoChangeStreamCursor<ChangeStreamDocument<RawBsonDocument>> cursor =
                         source.watch(RawBsonDocument.class).batchSize(1).cursor()) {
                BsonDocument token = cursor.getResumeToken();
                if (token != null) {
                    return Optional.of(StreamPosition.after(token));
                }
            }
            StreamPosition floor = StreamPosition.at(now.floor());
            try (MongoChangeStreamCursor<ChangeStreamDocument<RawBsonDocument>> cursor = open(source, floor, 1000)) {
                for (int read = 0; read < maxEvents && cursor.tryNext() != null; read++) {
                    // only the position matters
                }
                BsonDocument token = cursor.getResumeToken();
                return Optional.of(token != null ? StreamPosition.after(token) : floor);
            }
        } catch (MongoException e) {
            if (isRefusal(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The database's position now, when the server has database-level streams (a replica set); else empty. */
    public static Optional<StreamPosition> databasePosition(MongoDatabase database) {
        try (MongoChangeStreamCursor<ChangeStreamDocument<RawBsonDocument>> cursor =
                     database.watch(RawBsonDocument.class).batchSize(1).cursor()) {
            BsonDocument token = cursor.getResumeToken();
            return token == null ? Optional.empty() : Optional.of(StreamPosition.after(token));
        } catch (MongoException e) {
            if (isRefusal(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Opens the stream {@code position} names, full documents looked up for updates. */
    public static MongoChangeStreamCursor<ChangeStreamDocument<RawBsonDocument>> open(MongoCollection<RawBsonDocument> source,
                                                                               StreamPosition position, int batchSize) {
        ChangeStreamIterable<RawBsonDocument> stream = source.watch(RawBsonDocument.class);
        stream = position.resumeToken() != null ? stream.resumeAfter(position.resumeToken())
                : stream.startAtOperationTime(position.startAt());
        return stream
                .fullDocument(com.mongodb.client.model.changestream.FullDocument.UPDATE_LOOKUP)
                .batchSize(batchSize)
                .maxAwaitTime(AWAIT_MILLIS, TimeUnit.MILLISECONDS)
                .cursor();
    }

    /**
     * The server answered and said no (no replica set, history lost, a token it cannot use) — as
     * opposed to a network failure or timeout, which fails the run like any other.
     */
    public static boolean isRefusal(MongoException e) {
        return e instanceof MongoCommandException || e instanceof MongoQueryException;
    }
}
