package io.dbsync.api.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.store.TransferTotals;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code /health}'s {@code transfer}: the standby's rolling week against its allowance, and where the schedule is heading. */
class TransferReportTest {
    private static final long GB = 1024L * 1024 * 1024;
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void aWholeWeekOfHistoryIsItsOwnForecast() {
        TransferReport report = TransferReport.of(10 * GB, new TransferTotals(4 * GB, 6 * GB, 4 * GB,
                NOW.minus(Duration.ofDays(7))), NOW);

        assertThat(report.limitGb()).isEqualTo(10.0);
        assertThat(report.standbyInGb()).isEqualTo(4.0);
        assertThat(report.standbyOutGb()).isEqualTo(6.0);
        assertThat(report.projectedInGb()).isEqualTo(4.0);
        assertThat(report.projectedOutGb()).isEqualTo(6.0);
        assertThat(report.onCourseToExceed()).isFalse();
    }

    @Test
    void twoDaysAtThisRateAreCarriedToAWeekAndFlaggedWhenThatPassesTheAllowance() {
        // 3 GB in two days: 10.5 GB a week, over M0's 10 GB
        TransferReport report = TransferReport.of(10 * GB, new TransferTotals(3 * GB, GB, 3 * GB,
                NOW.minus(Duration.ofDays(2))), NOW);

        assertThat(report.projectedInGb()).isEqualTo(10.5);
        assertThat(report.projectedOutGb()).isEqualTo(3.5);
        assertThat(report.onCourseToExceed()).isTrue();
    }

    @Test
    void oneRunIsNoForecastAHistoryOfMinutesCountsAsADay() {
        TransferReport report = TransferReport.of(10 * GB, new TransferTotals(GB, 0, GB, NOW.minus(Duration.ofMinutes(5))),
                NOW);

        assertThat(report.projectedInGb()).isEqualTo(7.0);
        assertThat(report.onCourseToExceed()).isFalse();
    }
}
