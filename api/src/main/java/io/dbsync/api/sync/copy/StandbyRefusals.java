package io.dbsync.api.sync.copy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import io.dbsync.api.sync.mongo.FailureMessages;
import io.dbsync.api.sync.mongo.StandbyLimitErrors;
import io.dbsync.api.sync.plan.SyncFailedException;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * What the standby refused of an insert batch, in words that name the collection and the document:
 * a document it cannot store (nested too deep, too large, a validator it enforces), or its storage
 * quota. Not a MongoException: the source scanner must not take it for a lost cursor.
 */
final class StandbyRefusals {
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private StandbyRefusals() {
    }

    static SyncFailedException of(String collection, List<RawBsonDocument> batch, MongoBulkWriteException e) {
        if (StandbyLimitErrors.isQuota(e)) {
            return new SyncFailedException(StandbyLimitErrors.explain(e), e);
        }
        BulkWriteError first = e.getWriteErrors().isEmpty() ? null : e.getWriteErrors().get(0);
        if (first == null || first.getIndex() < 0 || first.getIndex() >= batch.size()) {
            return new SyncFailedException("writing collection '" + collection + "' to the standby failed: "
                    + FailureMessages.describe(e), e);
        }
        String id = new BsonDocument("_id", batch.get(first.getIndex()).get("_id")).toJson(RELAXED);
        return new SyncFailedException("the standby refused a document of collection '" + collection + "' " + id + ": "
                + first.getMessage() + " (code " + first.getCode() + "); nothing was swapped", e);
    }
}
