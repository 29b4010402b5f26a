package io.dbsync.api.sync;

import io.dbsync.api.sync.plan.RestoredCollection;
import java.util.List;

/**
 * How a restore ended: {@code completed} (every chosen collection swapped in), {@code refused}
 * (the archive is damaged, or a run holds the lock: nothing was written) or {@code failed}.
 *
 * @param source      what was restored (a restore point with its date, or an archive file)
 * @param collections what was put in place, in archive order (empty unless completed)
 * @param error       why it was refused or failed, saying what the destination holds now
 */
public record RestoreResult(String restoreId, SyncStatus status, String source, long documents, long bytes, long durationMs,
                            List<RestoredCollection> collections, String error) {
    public RestoreResult {
        collections = List.copyOf(collections);
    }
}
