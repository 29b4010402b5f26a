package io.dbsync.api.sync.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbsync.api.sync.snapshot.archive.ArchiveWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restore points in a directory: round trip, integrity, damage, clean-up of what never completed. */
class FileRestorePointsTest {
    static final Instant NOW = Instant.parse("2026-11-27T10:15:00Z");

    @TempDir
    Path directory;

    RestorePoints restorePoints(Instant now) {
        return new RestorePoints(new FileSnapshotStore(directory), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void writesListsAndReadsBackTheSameBytesWithTheirChecksumVerified() throws IOException {
        RestorePoints restorePoints = restorePoints(NOW);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        RestorePoint written;
        try (RestorePointUpload upload = restorePoints.begin("run-42", "cluster0.example.net/shop", ArchiveWriter.Compression.GZIP)) {
            List<ManifestCollection> collections = SnapshotSamples.writeArchive(new Tee(upload.stream(), copy), 600_000, 1,
                    ArchiveWriter.Compression.GZIP);
            written = upload.complete(collections);
        }

        RestorePointCatalog catalog = restorePoints.list();
        assertThat(catalog.complete()).containsExactly(written);
        assertThat(catalog.damaged()).isEmpty();
        RestorePoint listed = restorePoints.find(RestorePoints.LATEST);
        assertThat(listed.id()).isEqualTo("20261127T101500Z-run42");
        assertThat(listed.bytes()).isEqualTo(copy.size());
        assertThat(listed.collections()).isEqualTo(3);
        assertThat(listed.documents()).isEqualTo(600_000 / (64 * 1024));
        assertThat(listed.manifest().collections()).extracting(ManifestCollection::name)
                .containsExactly("shop.orders", "shop.customers", "shop.empty");
        try (InputStream in = restorePoints.open(listed)) {
            assertThat(in.readAllBytes()).isEqualTo(copy.toByteArray());
        }
        try (VerifyingArchiveStream in = restorePoints.open(listed)) {
            assertThat(SnapshotSamples.documentsIn(in)).isEqualTo(listed.documents());
            in.verifyToEnd();
        }
        assertThat(files()).containsExactlyInAnyOrder("20261127T101500Z-run42.archive.gz", "20261127T101500Z-run42.manifest.json");
    }

    @Test
    void refusesAnArchiveWithAFlippedByteNamingTheRestorePoint() throws IOException {
        RestorePoint point = SnapshotSamples.writeRestorePoint(restorePoints(NOW), "run-1", 200_000, 2);
        Path archive = directory.resolve(point.manifest().archive().key());
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(archive, bytes);

        assertThat(restorePoints(NOW).list().complete()).as("same size: only reading can tell").hasSize(1);
        assertThatThrownBy(() -> {
            try (InputStream in = restorePoints(NOW).open(point)) {
                in.readAllBytes();
            }
        }).isInstanceOf(RestorePointDamagedException.class).hasMessageContaining(point.id()).hasMessageContaining("SHA-256");
    }

    @Test
    void reportsATruncatedArchiveAsDamaged() throws IOException {
        RestorePoint point = SnapshotSamples.writeRestorePoint(restorePoints(NOW), "run-1", 200_000, 3);
        try (FileChannel channel = FileChannel.open(directory.resolve(point.manifest().archive().key()), StandardOpenOption.WRITE)) {
            channel.truncate(point.bytes() - 100);
        }

        RestorePointCatalog catalog = restorePoints(NOW).list();
        assertThat(catalog.complete()).isEmpty();
        assertThat(catalog.damaged()).singleElement().satisfies(damaged -> {
            assertThat(damaged.id()).isEqualTo(point.id());
            assertThat(damaged.problem()).contains("has " + (point.bytes() - 100) + " bytes").contains("records " + point.bytes());
        });
        assertThatThrownBy(() -> {
            try (InputStream in = restorePoints(NOW).open(point)) {
                in.readAllBytes();
            }
        }).isInstanceOf(RestorePointDamagedException.class).hasMessageContaining("ends after " + (point.bytes() - 100));
    }

    @Test
    void reportsAManifestWhoseArchiveIsMissingAsDamagedNotSkipped() throws IOException {
        RestorePoint older = SnapshotSamples.writeRestorePoint(restorePoints(NOW.minusSeconds(3600)), "run-1", 50_000, 4);
        RestorePoint newer = SnapshotSamples.writeRestorePoint(restorePoints(NOW), "run-2", 50_000, 5);
        Files.delete(directory.resolve(newer.manifest().archive().key()));

        RestorePointCatalog catalog = restorePoints(NOW).list();
        assertThat(catalog.complete()).containsExactly(older);
        assertThat(catalog.damaged()).containsExactly(new DamagedRestorePoint(newer.id(),
                "its archive " + newer.manifest().archive().key() + " is missing"));
        assertThat(restorePoints(NOW).find(RestorePoints.LATEST)).isEqualTo(older);
        assertThatThrownBy(() -> restorePoints(NOW).find(newer.id()))
                .isInstanceOf(RestorePointDamagedException.class).hasMessageStartingWith("restore point " + newer.id() + " is damaged");
        assertThatThrownBy(() -> restorePoints(NOW).open(newer)).isInstanceOf(RestorePointDamagedException.class);
    }

    @Test
    void anUploadClosedWithoutCompletingLeavesNothingBehind() throws IOException {
        try (RestorePointUpload upload = restorePoints(NOW).begin("run-1", "src", ArchiveWriter.Compression.GZIP)) {
            upload.stream().write(new byte[100_000]);
            assertThat(Files.list(directory).count()).as("a hidden temporary file while writing").isEqualTo(1);
        }

        assertThat(files()).isEmpty();
        assertThat(restorePoints(NOW).list()).isEqualTo(new RestorePointCatalog(List.of(), List.of(), List.of()));
    }

    @Test
    void anArchiveWithoutManifestIsInvisibleAndPrunedOnceItIsOld() throws IOException {
        FileSnapshotStore store = new FileSnapshotStore(directory);
        ObjectUpload interrupted = store.upload("20261127T090000Z-run0.archive.gz");
        interrupted.write(new byte[1000]);
        interrupted.complete();
        Files.setLastModifiedTime(directory.resolve("20261127T090000Z-run0.archive.gz"),
                java.nio.file.attribute.FileTime.from(NOW.minus(Duration.ofMinutes(59))));
        RestorePoint point = SnapshotSamples.writeRestorePoint(restorePoints(NOW), "run-1", 50_000, 6);

        RestorePointCatalog catalog = restorePoints(NOW).list();
        assertThat(catalog.complete()).containsExactly(point);
        assertThat(catalog.orphanArchives()).extracting(StoredObject::key).containsExactly("20261127T090000Z-run0.archive.gz");
        assertThat(restorePoints(NOW).prune(point, new Retention(5, 0, 0)).orphansDeleted()).as("younger than an hour").isEmpty();

        RetentionReport report = restorePoints(NOW.plus(Duration.ofMinutes(2))).prune(point, new Retention(5, 0, 0));
        assertThat(report.orphansDeleted()).containsExactly("20261127T090000Z-run0.archive.gz");
        assertThat(files()).doesNotContain("20261127T090000Z-run0.archive.gz");
    }

    @Test
    void deletesTheManifestFirstAndThenTheArchive() throws IOException {
        RestorePoint point = SnapshotSamples.writeRestorePoint(restorePoints(NOW), "run-1", 50_000, 7);

        restorePoints(NOW).delete(point.id());

        assertThat(files()).isEmpty();
        assertThatThrownBy(() -> restorePoints(NOW).find(point.id())).isInstanceOf(RestorePointNotFoundException.class)
                .hasMessage("no restore point '" + point.id() + "' in " + directory.toUri());
    }

    @Test
    void prunesNothingWhenTheRestorePointJustWrittenIsNotTheNewestListed() throws IOException {
        RestorePoint older = SnapshotSamples.writeRestorePoint(restorePoints(NOW.minusSeconds(60)), "run-1", 20_000, 8);
        SnapshotSamples.writeRestorePoint(restorePoints(NOW), "run-2", 20_000, 9);

        RetentionReport report = restorePoints(NOW).prune(older, new Retention(0, 0, 0));

        assertThat(report.skipped()).hasValueSatisfying(why -> assertThat(why).contains(older.id()));
        assertThat(restorePoints(NOW).list().complete()).hasSize(2);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString()).toList();
        }
    }

    /** Writes to both streams; closing it closes only the first (as the archive writer closes its target). */
    static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            first.close();
        }
    }
}
