package io.dbsync.api.sync.delta;

import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.dbsync.api.sync.mongo.BatchLimits;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consecutive change events turned into one unordered bulk write: only the last event per
 * {@code _id} counts (an insert then three updates of one document is one write), so the writes
 * commute and the server may apply them in any order. Bounded by {@link BatchLimits}, events counted.
 */
final class ChangeBatch {
    private final BatchLimits limits;
    private final Map<BsonValue, ChangeEvent> lastById = new LinkedHashMap<>();
    private int events;
    private long bytes;
    private BsonDocument lastToken;

    ChangeBatch(BatchLimits limits) {
        this.limits = limits;
    }

    /** Adds an upsert or delete; {@code token} is the event's resume token (its {@code _id}). */
    void add(ChangeEvent change, BsonDocument token) {
        if (change instanceof ChangeEvent.Upsert upsert) {
            ChangeEvent previous = lastById.remove(upsert.id());
            bytes -= sizeOf(previous);
            lastById.put(upsert.id(), upsert); // re-inserted: the map keeps the order of the last events
            bytes += sizeOf(upsert);
        } else if (change instanceof ChangeEvent.Delete delete) {
            bytes -= sizeOf(lastById.remove(delete.id()));
            lastById.put(delete.id(), delete);
        } else {
            throw new IllegalArgumentException("only upserts and deletes are batched: " + change);
        }
        events++;
        lastToken = token;
    }

    /** Marks an event that needs no write as consumed, so the saved position moves past it. */
    void skip(BsonDocument token) {
        events++;
        lastToken = token;
    }

    boolean isFull() {
        return limits.reached(events, bytes);
    }

    boolean isEmpty() {
        return events == 0;
    }

    int events() {
        return events;
    }

    /** The resume token of the last event taken in; saving it after the write replays nothing applied. */
    BsonDocument lastToken() {
        return lastToken;
    }

    long upserts() {
        return lastById.values().stream().filter(change -> change instanceof ChangeEvent.Upsert).count();
    }

    long deletes() {
        return lastById.values().stream().filter(change -> change instanceof ChangeEvent.Delete).count();
    }

    long upsertBytes() {
        return bytes;
    }

    /** One write per document: replace-with-upsert by {@code _id}, or delete by {@code _id}. */
    List<WriteModel<RawBsonDocument>> writes() {
        List<WriteModel<RawBsonDocument>> writes = new ArrayList<>(lastById.size());
        ReplaceOptions upsert = new ReplaceOptions().upsert(true);
        for (ChangeEvent change : lastById.values()) {
            if (change instanceof ChangeEvent.Upsert u) {
                writes.add(new ReplaceOneModel<>(new BsonDocument("_id", u.id()), u.document(), upsert));
            } else if (change instanceof ChangeEvent.Delete d) {
                writes.add(new DeleteOneModel<>(new BsonDocument("_id", d.id())));
            }
        }
        return writes;
    }

    void clear() {
        lastById.clear();
        events = 0;
        bytes = 0;
    }

    private static long sizeOf(ChangeEvent change) {
        return change instanceof ChangeEvent.Upsert upsert ? upsert.document().getByteBuffer().remaining() : 0;
    }
}
