package io.dbsync.testkit.atlas;

import java.time.Duration;
import java.util.Map;

/**
 * What a profiled server has been asked, as the operations budget counts it.
 *
 * @param operations        operations counted against the budget: one per command message (a find, a
 *                          getMore, one insert/update/delete batch, a createIndexes, a dbStats …), handshake
 *                          and monitoring commands excepted
 * @param insertedDocuments documents in insert batches (what mongod's {@code opcounters.insert} counts)
 * @param delayedOperations operations that had to wait for the budget
 * @param totalDelay        the sum of those waits
 * @param perCommand        operations by command name, as the client spelled it
 */
public record OperationCounts(long operations, long insertedDocuments, long delayedOperations, Duration totalDelay,
                              Map<String, Long> perCommand) {

    public OperationCounts {
        perCommand = Map.copyOf(perCommand);
    }
}
