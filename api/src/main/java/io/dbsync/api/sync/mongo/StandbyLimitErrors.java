package io.dbsync.api.sync.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import java.util.Optional;

/**
 * Telling the standby's limits apart from other failures: Atlas answers a write past the storage
 * quota with code 8000 ({@code you are over your space quota, using 513 MB of 512 MB}), and a
 * collection past the collection limit with code 8000 too ({@code cannot create a new collection}).
 */
public final class StandbyLimitErrors {
    private static final int ATLAS_ERROR = 8000;

    private StandbyLimitErrors() {
    }

    /** The standby's storage quota refused a write. */
    public static boolean isQuota(Throwable error) {
        return atlasMessage(error).map(message -> message.contains("over your space quota")).orElse(false);
    }

    /** A run's reason for a failure past one of the standby's limits, or empty for any other failure. */
    public static Optional<String> reason(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (isQuota(cause)) {
                return Optional.of(explain(cause));
            }
            Optional<String> message = atlasMessage(cause).filter(text -> text.contains("cannot create a new collection"));
            if (message.isPresent()) {
                return Optional.of("standby at its collection limit (" + message.get() + ")");
            }
        }
        return Optional.empty();
    }

    /** {@code standby over its storage quota (you are over your space quota, using 513 MB of 512 MB)}. */
    public static String explain(Throwable quota) {
        return "standby over its storage quota (" + atlasMessage(quota).orElse("code 8000") + "); this run's staging was"
                + " dropped, collections already swapped in stay new and the others old";
    }

    private static Optional<String> atlasMessage(Throwable error) {
        if (error instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream().filter(write -> write.getCode() == ATLAS_ERROR).findFirst()
                    .map(write -> write.getMessage());
        }
        if (error instanceof MongoWriteException write && write.getError().getCode() == ATLAS_ERROR) {
            return Optional.of(write.getError().getMessage());
        }
        if (error instanceof MongoCommandException command && command.getErrorCode() == ATLAS_ERROR) {
            return Optional.of(command.getErrorMessage());
        }
        return Optional.empty();
    }
}
