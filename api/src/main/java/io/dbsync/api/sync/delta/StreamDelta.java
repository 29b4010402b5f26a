package io.dbsync.api.sync.delta;

import com.mongodb.MongoException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import io.dbsync.api.sync.mongo.BatchLimits;
import io.dbsync.api.sync.mongo.ChangeStreams;
import io.dbsync.api.sync.mongo.FailureMessages;
import io.dbsync.api.sync.mongo.UniqueIndexConflict;
import io.dbsync.api.sync.plan.StreamPosition;
import io.dbsync.api.sync.plan.TaskProgress;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one standby collection up to date from the source collection's change stream: reads the
 * events after the stored position up to the run's start (or until the stream is caught up),
 * applies them in bounded batches — replace-with-upsert or delete by {@code _id} — and saves the
 * position after each batch is written. A crash between a write and its save replays that one
 * batch, which rewrites the same documents.
 */
public final class StreamDelta {
    private static final Logger LOG = LoggerFactory.getLogger(StreamDelta.class);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false).bypassDocumentValidation(true);

    /** Receives each position once every change before it is on the standby. */
    public interface PositionSink {
        void reached(StreamPosition position);
    }

    /** The stored position cannot be resumed (history lost, token invalid), or the stream refused to open. */
    public static final class Unresumable extends RuntimeException {
        Unresumable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param restartReason non-null when an event (drop, rename, invalidate) means the collection
     *                      must be copied in full; the changes before it were applied
     */
    public record Result(long events, long upserts, long deletes, long bytes, String restartReason) {
        static final Result NONE = new Result(0, 0, 0, 0, null);

        Result plus(Result more) {
            return new Result(events + more.events, upserts + more.upserts, deletes + more.deletes, bytes + more.bytes,
                    more.restartReason != null ? more.restartReason : restartReason);
        }

        Result restartedBecause(String reason) {
            return new Result(events, upserts, deletes, bytes, reason);
        }
    }

    private final BatchLimits limits;
    private final TaskProgress progress;

    public StreamDelta(BatchLimits limits, TaskProgress progress) {
        this.limits = limits;
        this.progress = progress;
    }

    public Result apply(String collection, MongoCollection<RawBsonDocument> source, MongoCollection<RawBsonDocument> target,
                 StreamPosition from, BsonTimestamp ceiling, PositionSink sink) {
        Result total = Result.NONE;
        ChangeBatch batch = new ChangeBatch(limits);
        try (MongoChangeStreamCursor<ChangeStreamDocument<RawBsonDocument>> cursor = openOrExplain(collection, source, from)) {
            while (true) {
                ChangeStreamDocument<RawBsonDocument> event = next(collection, cursor);
                if (event == null || after(event, ceiling)) {
                    // Caught up, or past the run's start: write what is pending and stop. A caught-up
                    // cursor's own token (the server's post-batch token) is as safe as the last event's.
                    BsonDocument caughtUp = event == null ? cursor.getResumeToken() : null;
                    return total.plus(write(collection, target, batch, sink, caughtUp));
                }
                ChangeEvent change = ChangeEvent.of(event, collection);
                if (event.getFullDocument() != null) {
                    progress.sourceRead(event.getFullDocument().getByteBuffer().remaining());
                }
                if (change instanceof ChangeEvent.Restart restart) {
                    LOG.info("event=delta.restart collection={} reason=\"{}\"", collection, restart.reason());
                    return total.plus(write(collection, target, batch, sink, null)).restartedBecause(restart.reason());
                }
                if (change instanceof ChangeEvent.Ignore) {
                    batch.skip(event.getResumeToken());
                } else {
                    batch.add(change, event.getResumeToken());
                }
                if (batch.isFull()) {
                    total = total.plus(write(collection, target, batch, sink, null));
                }
            }
        }
    }

    /** Writes the batch, then saves the position after it (or {@code caughtUp}, the cursor's token). */
    private Result write(String collection, MongoCollection<RawBsonDocument> target, ChangeBatch batch,
                         PositionSink sink, BsonDocument caughtUp) {
        Result written = new Result(batch.events(), batch.upserts(), batch.deletes(), batch.upsertBytes(), null);
        var writes = batch.writes();
        if (!writes.isEmpty()) {
            try {
                target.bulkWrite(writes, UNORDERED);
            } catch (MongoException e) {
                throw UniqueIndexConflict.of(collection, e);
            }
            progress.written(collection, writes.size(), batch.upsertBytes());
        }
        BsonDocument token = caughtUp != null ? caughtUp : batch.lastToken();
        if (token != null) {
            sink.reached(StreamPosition.after(token));
        }
        batch.clear();
        return written;
    }

    private static boolean after(ChangeStreamDocument<RawBsonDocument> event, BsonTimestamp ceiling) {
        return ceiling != null && event.getClusterTime() != null && event.getClusterTime().compareTo(ceiling) > 0;
    }

    private MongoChangeStreamCursor<ChangeStreamDocument<RawBsonDocument>> openOrExplain(
            String collection, MongoCollection<RawBsonDocument> source, StreamPosition from) {
        try {
            return ChangeStreams.open(source, from, limits.maxDocuments());
        } catch (MongoException e) {
            if (ChangeStreams.isRefusal(e)) {
                throw new Unresumable("the change stream of '" + collection + "' could not resume: "
                        + FailureMessages.describe(e), e);
            }
            throw e;
        }
    }

    private static ChangeStreamDocument<RawBsonDocument> next(
            String collection, MongoChangeStreamCursor<ChangeStreamDocument<RawBsonDocument>> cursor) {
        try {
            return cursor.tryNext();
        } catch (MongoException e) {
            if (ChangeStreams.isRefusal(e)) {
                // ChangeStreamHistoryLost and friends surface on the first getMore, not on open.
                throw new Unresumable("the change stream of '" + collection + "' could not continue: "
                        + FailureMessages.describe(e), e);
            }
            throw e;
        }
    }
}
