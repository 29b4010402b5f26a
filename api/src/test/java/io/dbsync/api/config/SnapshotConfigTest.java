package io.dbsync.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotConfigTest {

    @Test
    void isOffWithDefaultsWhenNothingIsSet() {
        SnapshotConfig config = SnapshotConfig.fromEnv(Map.of());

        assertThat(config.enabled()).isFalse();
        assertThat(config.uri()).isEmpty();
        assertThat(config.keepLast()).isEqualTo(7);
        assertThat(config.keepDaily()).isEqualTo(7);
        assertThat(config.keepWeekly()).isEqualTo(4);
        assertThat(config.compression()).isEqualTo("gzip-fast");
        assertThat(config.s3Endpoint()).isEmpty();
        assertThat(config.s3PartMegabytes()).isEqualTo(8);
    }

    @Test
    void readsEverySetting() {
        SnapshotConfig config = SnapshotConfig.fromEnv(Map.of("SNAPSHOT_URI", "s3://bucket/restore-points",
                "SNAPSHOT_EVERY", "24h", "SNAPSHOT_KEEP_LAST", "3", "SNAPSHOT_KEEP_DAILY", "10", "SNAPSHOT_KEEP_WEEKLY", "0",
                "SNAPSHOT_COMPRESSION", "GZIP-FAST", "SNAPSHOT_S3_ENDPOINT", "http://127.0.0.1:9090",
                "SNAPSHOT_S3_REGION", "eu-west-1", "SNAPSHOT_S3_PART_MB", "16"));

        assertThat(config).isEqualTo(new SnapshotConfig(Optional.of("s3://bucket/restore-points"), Optional.of("24h"), 3, 10, 0,
                "gzip-fast", Optional.of(URI.create("http://127.0.0.1:9090")), Optional.of("eu-west-1"), 16));
        assertThat(config.enabled()).isTrue();
    }

    @Test
    void refusesAScheduleWithoutAPlaceToWriteTo() {
        assertThatThrownBy(() -> SnapshotConfig.fromEnv(Map.of("SNAPSHOT_EVERY", "0")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("SNAPSHOT_EVERY is set but SNAPSHOT_URI is not");
    }

    @Test
    void refusesBadNumbersNamingTheVariable() {
        assertThatThrownBy(() -> SnapshotConfig.fromEnv(Map.of("SNAPSHOT_KEEP_DAILY", "-1")))
                .hasMessage("SNAPSHOT_KEEP_DAILY must be between 0 and 10000");
        assertThatThrownBy(() -> SnapshotConfig.fromEnv(Map.of("SNAPSHOT_S3_PART_MB", "4")))
                .hasMessage("SNAPSHOT_S3_PART_MB must be between 5 and 512");
        assertThatThrownBy(() -> SnapshotConfig.fromEnv(Map.of("SNAPSHOT_COMPRESSION", "zstd")))
                .hasMessage("SNAPSHOT_COMPRESSION must be gzip, gzip-fast or none");
    }

    @Test
    void refusesAnEndpointWithCredentialsWithoutEchoingThem() {
        assertThatThrownBy(() -> SnapshotConfig.fromEnv(Map.of("SNAPSHOT_S3_ENDPOINT", "https://key:secret@minio.local:9000")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("SNAPSHOT_S3_ENDPOINT")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> SnapshotConfig.fromEnv(Map.of("SNAPSHOT_S3_ENDPOINT", "minio.local:9000")))
                .hasMessageStartingWith("SNAPSHOT_S3_ENDPOINT");
    }
}
