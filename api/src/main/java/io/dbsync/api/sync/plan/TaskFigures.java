package io.dbsync.api.sync.plan;

import io.dbsync.api.config.VerifyMode;
import java.util.List;

/**
 * What a finished task did to its standby collection.
 *
 * @param documents    documents written (a copy: all of them; a delta: new and changed ones)
 * @param deleted      documents a delta removed
 * @param bytes        raw BSON bytes written
 * @param indexes      indexes on the collection besides {@code _id}
 * @param verification which checks passed: {@code count} or {@code digest}
 * @param standbyDigest the standby collection's content digest as read back, when the checks computed it; else null
 * @param droppedOptions source collection options the standby refused, dropped instead of failing the run
 */
public record TaskFigures(long documents, long deleted, long bytes, int indexes, long durationMs, VerifyMode verification,
                          String standbyDigest, List<String> droppedOptions) {

    public TaskFigures {
        droppedOptions = List.copyOf(droppedOptions);
    }
}
