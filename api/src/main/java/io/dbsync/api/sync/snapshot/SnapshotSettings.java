package io.dbsync.api.sync.snapshot;

import io.dbsync.api.config.ConfigException;
import io.dbsync.api.config.SnapshotConfig;
import io.dbsync.api.sync.snapshot.archive.ArchiveWriter;
import java.util.Optional;

/**
 * The restore-point settings parsed into this package's types, once at start-up:
 * {@code SnapshotSettings.from(SnapshotConfig.fromEnv(env))} fails with a {@link ConfigException}
 * naming the variable, like the rest of the configuration.
 */
public record SnapshotSettings(Optional<SnapshotUri> location, SnapshotSchedule schedule, Retention retention,
                               ArchiveWriter.Compression compression, S3Options s3) {

    public static SnapshotSettings from(SnapshotConfig config) {
        Optional<SnapshotUri> location = config.uri().map(uri -> SnapshotUri.parse(SnapshotConfig.URI_VARIABLE, uri));
        SnapshotSchedule schedule = SnapshotSchedule.parse(SnapshotConfig.EVERY_VARIABLE, config.every().orElse(null));
        ArchiveWriter.Compression compression = switch (config.compression()) {
            case SnapshotConfig.GZIP_FAST -> ArchiveWriter.Compression.GZIP_FAST;
            case SnapshotConfig.NONE -> ArchiveWriter.Compression.NONE;
            default -> ArchiveWriter.Compression.GZIP;
        };
        S3Options s3 = new S3Options(config.s3Endpoint(), config.s3Region(), config.s3PartMegabytes() * 1024 * 1024);
        return new SnapshotSettings(location, schedule, new Retention(config.keepLast(), config.keepDaily(), config.keepWeekly()),
                compression, s3);
    }

    /** Restore points off and no store. */
    public static SnapshotSettings off() {
        return from(SnapshotConfig.off());
    }

    /**
     * The store {@code SNAPSHOT_URI} names (S3 with the AWS default credential chain, or a directory).
     *
     * @throws ConfigException if {@code SNAPSHOT_URI} is not set, or no AWS region can be found
     */
    public SnapshotStore openStore() {
        SnapshotUri uri = location.orElseThrow(() -> new ConfigException(SnapshotConfig.URI_VARIABLE
                + " is not set: say where restore points are (s3://bucket/prefix or file:///directory)"));
        if (uri instanceof SnapshotUri.S3 bucket) {
            return S3SnapshotStore.create(bucket, s3);
        }
        return new FileSnapshotStore(((SnapshotUri.Directory) uri).path());
    }
}
