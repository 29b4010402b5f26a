package io.dbsync.api.sync.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbsync.api.config.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotScheduleTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void unsetMeansNoRestorePoints() {
        SnapshotSchedule schedule = SnapshotSchedule.parse("SNAPSHOT_EVERY", null);

        assertThat(schedule.enabled()).isFalse();
        assertThat(schedule.isDue(Optional.empty(), NOW)).isFalse();
        assertThat(SnapshotSchedule.parse("SNAPSHOT_EVERY", " ").enabled()).isFalse();
    }

    @Test
    void zeroMeansAfterEveryCompletedRun() {
        SnapshotSchedule schedule = SnapshotSchedule.parse("SNAPSHOT_EVERY", "0");

        assertThat(schedule.interval()).contains(Duration.ZERO);
        assertThat(schedule.isDue(Optional.of(NOW.minusSeconds(1)), NOW)).isTrue();
    }

    @Test
    void readsMinutesHoursAndDays() {
        assertThat(SnapshotSchedule.parse("SNAPSHOT_EVERY", "30m").interval()).contains(Duration.ofMinutes(30));
        assertThat(SnapshotSchedule.parse("SNAPSHOT_EVERY", "24h").interval()).contains(Duration.ofHours(24));
        assertThat(SnapshotSchedule.parse("SNAPSHOT_EVERY", " 7d ").interval()).contains(Duration.ofDays(7));
    }

    @Test
    void isDueWithoutAnyRestorePoint() {
        assertThat(SnapshotSchedule.parse("SNAPSHOT_EVERY", "7d").isDue(Optional.empty(), NOW)).isTrue();
    }

    @Test
    void isDueOnceTheIntervalLessAToleranceOfOneTwentiethHasPassed() {
        SnapshotSchedule daily = SnapshotSchedule.parse("SNAPSHOT_EVERY", "24h");

        assertThat(daily.isDue(Optional.of(NOW.minus(Duration.ofHours(12))), NOW)).isFalse();
        assertThat(daily.isDue(Optional.of(NOW.minus(Duration.ofMinutes(24 * 60 - 73))), NOW)).isFalse();
        // yesterday's run ended a few seconds later than today's: still due (24 h less 72 min tolerance)
        assertThat(daily.isDue(Optional.of(NOW.minus(Duration.ofHours(24)).plusSeconds(3)), NOW)).isTrue();
        assertThat(daily.isDue(Optional.of(NOW.minus(Duration.ofMinutes(24 * 60 - 72))), NOW)).isTrue();
    }

    @Test
    void aRestorePointDatedInTheFutureIsNotAReasonForAnother() {
        assertThat(SnapshotSchedule.parse("SNAPSHOT_EVERY", "30m").isDue(Optional.of(NOW.plusSeconds(60)), NOW)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"daily", "24", "1.5h", "-1h", "0m", "30s", "PT1H", "1w", "400d", "24 h"})
    void refusesAnythingElseNamingTheVariable(String value) {
        assertThatThrownBy(() -> SnapshotSchedule.parse("SNAPSHOT_EVERY", value))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("SNAPSHOT_EVERY must be 0");
    }
}
