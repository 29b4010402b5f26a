package io.dbsync.api.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dbsync.api.sync.snapshot.RestorePoint;
import java.util.List;

/**
 * What became of a run's restore point (the result's {@code snapshot}; absent when restore points
 * are off). A failed restore point never fails the run: it has its own status, log line and metric.
 *
 * @param id          the restore point's id (written or failed)
 * @param status      {@code written}, {@code failed} or {@code skipped}
 * @param bytes       the archive's size (written)
 * @param seconds     from the restore point's start to its manifest; it is written beside the copies
 * @param documents   documents in the archive (written)
 * @param collections namespaces in the archive, views included (written)
 * @param deleted     restore points retention deleted after this one completed
 * @param reason      why it failed or was skipped
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SnapshotReport(String id, String status, Long bytes, Double seconds, Long documents, Integer collections,
                             List<String> deleted, String reason) {
    public static final String WRITTEN = "written";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    static SnapshotReport written(RestorePoint point, double seconds, List<String> deleted) {
        return new SnapshotReport(point.id(), WRITTEN, point.bytes(), seconds, point.documents(), point.collections(),
                List.copyOf(deleted), null);
    }

    static SnapshotReport failed(String id, double seconds, String reason) {
        return new SnapshotReport(id, FAILED, null, seconds, null, null, null, reason);
    }

    static SnapshotReport skipped(String reason) {
        return new SnapshotReport(null, SKIPPED, null, null, null, null, null, reason);
    }
}
