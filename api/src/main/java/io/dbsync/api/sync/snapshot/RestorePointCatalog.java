package io.dbsync.api.sync.snapshot;

import java.util.List;
import java.util.Optional;

/**
 * What a store holds: complete restore points newest first, damaged ones, and the keys of archives
 * without a manifest (restore points that never completed; invisible otherwise).
 */
public record RestorePointCatalog(List<RestorePoint> complete, List<DamagedRestorePoint> damaged,
                                  List<StoredObject> orphanArchives) {
    public RestorePointCatalog {
        complete = List.copyOf(complete);
        damaged = List.copyOf(damaged);
        orphanArchives = List.copyOf(orphanArchives);
    }

    public Optional<RestorePoint> newest() {
        return complete.stream().findFirst();
    }
}
