package io.dbsync.api.sync.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbsync.api.config.ConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotUriTest {

    @Test
    void readsABucketAndAPrefixWithoutTheSlashesAround() {
        assertThat(SnapshotUri.parse("SNAPSHOT_URI", "s3://dbsync-restore-points/restore-points/"))
                .isEqualTo(new SnapshotUri.S3("dbsync-restore-points", "restore-points"));
        assertThat(SnapshotUri.parse("SNAPSHOT_URI", "s3://my.bucket-1/a/b//"))
                .isEqualTo(new SnapshotUri.S3("my.bucket-1", "a/b"));
    }

    @Test
    void readsABucketWithoutPrefix() {
        assertThat(SnapshotUri.parse("SNAPSHOT_URI", " s3://backups ")).isEqualTo(new SnapshotUri.S3("backups", ""));
        assertThat(SnapshotUri.parse("SNAPSHOT_URI", "s3://backups").toString()).isEqualTo("s3://backups");
    }

    @Test
    void readsAnAbsoluteDirectory() {
        assertThat(SnapshotUri.parse("SNAPSHOT_URI", "file:///var/lib/dbsync/restore-points"))
                .isEqualTo(new SnapshotUri.Directory(Path.of("/var/lib/dbsync/restore-points")));
        assertThat(SnapshotUri.parse("SNAPSHOT_URI", "file://localhost/srv/rp/../points"))
                .isEqualTo(new SnapshotUri.Directory(Path.of("/srv/points")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://bucket/prefix", "bucket/prefix", "s3://", "s3:///prefix", "s3://Upper/x", "s3://ab",
        "s3://bad..bucket/x", "s3://192.168.1.2/x", "s3://bucket:9000/x", "s3://bucket/a/../b", "s3://bucket/has space",
        "file:relative/dir", "file://otherhost/dir", "file:///", "s3://bucket/x?versionId=1", "s3://bucket/x#frag"})
    void refusesWhatIsNotAUsableLocationNamingTheVariable(String value) {
        assertThatThrownBy(() -> SnapshotUri.parse("SNAPSHOT_URI", value))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("SNAPSHOT_URI ");
    }

    @Test
    void refusesCredentialsWithoutEchoingThem() {
        assertThatThrownBy(() -> SnapshotUri.parse("SNAPSHOT_URI", "s3://AKIAEXAMPLE:s3cr3t@bucket/prefix"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("credentials")
                .hasMessageNotContaining("s3cr3t")
                .hasMessageNotContaining("AKIAEXAMPLE");
    }

    @Test
    void refusesAnUnsetValue() {
        assertThatThrownBy(() -> SnapshotUri.parse("SNAPSHOT_URI", "  ")).hasMessage("SNAPSHOT_URI is not set");
    }
}
