package io.dbsync.infra;

import java.util.Optional;
import software.amazon.awscdk.Duration;

/**
 * The restore-point bucket and its alarms (issue 15), opt-in with {@code -c snapshots=true}: the
 * "no restore point" alarm treats missing data as breaching, so it must not exist for a stack
 * whose API writes no restore points.
 *
 * @param enabled  whether the stack creates the bucket, the writer policy and the alarms
 * @param backstop objects older than this are expired by S3 whatever the retention policy says
 * @param every    the API's SNAPSHOT_EVERY, when known: enables the "no restore point within
 *                 2 × SNAPSHOT_EVERY" alarm
 */
public record SnapshotSettings(boolean enabled, Duration backstop, Optional<Duration> every) {

    /** CloudWatch evaluates at most 7 days for hourly periods, and the alarm looks at 2 × every. */
    static final int MAX_EVERY_HOURS = 84;

    public SnapshotSettings {
        if (!enabled && every.isPresent()) {
            throw new InvalidParameterException(Parameter.SNAPSHOT_EVERY_HOURS.contextKey() + " only applies with "
                    + Parameter.SNAPSHOTS.contextKey() + "=true");
        }
    }

    static SnapshotSettings resolve(ParameterReader reader) {
        boolean enabled = reader.bool(Parameter.SNAPSHOTS);
        int backstopDays = ParameterReader.between(Parameter.SNAPSHOT_BACKSTOP_DAYS,
                reader.integer(Parameter.SNAPSHOT_BACKSTOP_DAYS), 2, 36_500);
        Optional<Duration> every = reader.read(Parameter.SNAPSHOT_EVERY_HOURS)
                .map(raw -> ParameterReader.between(Parameter.SNAPSHOT_EVERY_HOURS,
                        ParameterReader.integer(Parameter.SNAPSHOT_EVERY_HOURS, raw), 1, MAX_EVERY_HOURS))
                .map(Duration::hours);
        return new SnapshotSettings(enabled, Duration.days(backstopDays), every);
    }
}
