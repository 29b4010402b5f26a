package io.dbsync.api.sync.snapshot;

import static io.dbsync.api.sync.snapshot.RetentionScenario.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.sync.snapshot.archive.ArchiveWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forty days of {@link RetentionScenario} through the catalog and a real directory: a restore
 * point every six hours on a clock the test sets, failed uploads aborted, retention applied after
 * each one that completed. What is left is exactly the hand-made set of {@link RetentionTest}.
 */
class RetentionOverFortyDaysTest {

    @TempDir
    Path directory;

    @Test
    void keepsExactlyTheExpectedRestorePointsAndNeverTheFailedOnes() throws IOException {
        Retention retention = new Retention(4, 7, 4);
        int written = 0;
        for (Instant slot : RetentionScenario.slots()) {
            RestorePoints restorePoints = new RestorePoints(new FileSnapshotStore(directory), Clock.fixed(slot, ZoneOffset.UTC));
            if (RetentionScenario.failed(slot)) {
                try (RestorePointUpload upload = restorePoints.begin("run" + slot.getEpochSecond(), "src", ArchiveWriter.Compression.GZIP)) {
                    upload.stream().write(new byte[4096]); // then the run's upload fails: close() aborts it
                }
            } else if (RetentionScenario.written(slot)) {
                RestorePoint point = SnapshotSamples.writeRestorePoint(restorePoints, "run" + slot.getEpochSecond(), 0, written++);
                RetentionReport report = restorePoints.prune(point, retention);
                assertThat(report.skipped()).isEmpty();
                assertThat(report.kept().get(0).candidate().id()).as("the newest is kept").isEqualTo(point.id());
                assertThat(report.failures()).isEmpty();
            }
        }

        RestorePointCatalog catalog = new RestorePoints(new FileSnapshotStore(directory), Clock.systemUTC()).list();
        assertThat(written).isEqualTo(125);
        assertThat(catalog.complete()).extracting(RestorePoint::createdAt).containsExactly(
                at("2026-02-09T18"), at("2026-02-09T12"), at("2026-02-09T06"), at("2026-02-09T00"),
                at("2026-02-08T12"), at("2026-02-07T18"), at("2026-02-06T18"), at("2026-02-04T18"),
                at("2026-02-03T18"), at("2026-02-02T18"), at("2026-02-01T12"), at("2026-01-25T12"));
        assertThat(catalog.damaged()).isEmpty();
        assertThat(catalog.orphanArchives()).isEmpty();
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.count()).as("an archive and a manifest each, nothing else").isEqualTo(24);
        }
    }
}
