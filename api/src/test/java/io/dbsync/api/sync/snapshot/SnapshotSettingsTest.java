package io.dbsync.api.sync.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbsync.api.config.ConfigException;
import io.dbsync.api.config.SnapshotConfig;
import io.dbsync.api.sync.snapshot.archive.ArchiveWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotSettingsTest {

    @Test
    void parsesTheLocationScheduleRetentionAndPartSize() {
        SnapshotSettings settings = SnapshotSettings.from(SnapshotConfig.fromEnv(Map.of("SNAPSHOT_URI", "s3://bucket/restore-points",
                "SNAPSHOT_EVERY", "24h", "SNAPSHOT_KEEP_LAST", "2", "SNAPSHOT_COMPRESSION", "gzip-fast", "SNAPSHOT_S3_PART_MB", "16")));

        assertThat(settings.location()).contains(new SnapshotUri.S3("bucket", "restore-points"));
        assertThat(settings.schedule().interval()).contains(Duration.ofHours(24));
        assertThat(settings.retention()).isEqualTo(new Retention(2, 7, 4));
        assertThat(settings.compression()).isEqualTo(ArchiveWriter.Compression.GZIP_FAST);
        assertThat(settings.s3().partBytes()).isEqualTo(16 * 1024 * 1024);
        assertThat(settings.s3().pathStyle()).isFalse();
    }

    @Test
    void failsAtStartUpOnABadLocationOrScheduleNamingTheVariable() {
        assertThatThrownBy(() -> SnapshotSettings.from(SnapshotConfig.fromEnv(Map.of("SNAPSHOT_URI", "ftp://x"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("SNAPSHOT_URI");
        assertThatThrownBy(() -> SnapshotSettings.from(SnapshotConfig.fromEnv(Map.of("SNAPSHOT_URI", "file:///tmp/x",
                "SNAPSHOT_EVERY", "weekly")))).isInstanceOf(ConfigException.class).hasMessageStartingWith("SNAPSHOT_EVERY");
    }

    @Test
    void opensADirectoryStore(@TempDir Path directory) {
        SnapshotSettings settings = SnapshotSettings.from(SnapshotConfig.fromEnv(Map.of("SNAPSHOT_URI", directory.toUri().toString())));

        assertThat(settings.openStore()).isInstanceOf(FileSnapshotStore.class)
                .extracting(SnapshotStore::location).isEqualTo(directory.toUri().toString());
        assertThat(settings.schedule().enabled()).isFalse();
    }

    @Test
    void refusesToOpenAStoreWithoutALocation() {
        SnapshotSettings settings = SnapshotSettings.from(SnapshotConfig.fromEnv(Map.of()));

        assertThatThrownBy(settings::openStore).isInstanceOf(ConfigException.class).hasMessageStartingWith("SNAPSHOT_URI is not set");
    }
}
