package io.dbsync.api.sync.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import io.dbsync.api.sync.plan.SyncFailedException;

/**
 * A delta write the standby refused with a duplicate key (E11000) on a unique secondary index: two
 * documents traded a unique value, or one took over a deleted one's. Replaying would fail again.
 */
public final class UniqueIndexConflict extends SyncFailedException {
    private static final int DUPLICATE_KEY = 11000;

    private UniqueIndexConflict(String message, Throwable cause) {
        super(message, cause);
    }

    /** The failure of a delta write to {@code collection}: this conflict for a duplicate key, else a plain failure. */
    public static SyncFailedException of(String collection, MongoException e) {
        String message = "applying changes to standby collection '" + collection + "' failed: " + FailureMessages.describe(e);
        return isDuplicateKey(e) ? new UniqueIndexConflict(message, e) : new SyncFailedException(message, e);
    }

    private static boolean isDuplicateKey(MongoException e) {
        if (e instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream().anyMatch(write -> write.getCode() == DUPLICATE_KEY);
        }
        if (e instanceof MongoWriteException write) {
            return write.getError().getCode() == DUPLICATE_KEY;
        }
        return e.getCode() == DUPLICATE_KEY;
    }
}
