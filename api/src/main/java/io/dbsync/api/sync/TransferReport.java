package io.dbsync.api.sync;

import io.dbsync.api.store.TransferTotals;
import java.time.Duration;
import java.time.Instant;

/**
 * The standby's rolling 7-day transfer against its allowance (Atlas's shared tiers: 10 GB in and
 * 10 GB out), from the run history, and whether the schedule is on course to exceed it: the week's
 * rate so far, carried to a whole week.
 */
public record TransferReport(double limitGb, double standbyInGb, double standbyOutGb, double projectedInGb,
                             double projectedOutGb, boolean onCourseToExceed) {
    static final Duration WINDOW = Duration.ofDays(7);
    private static final double GB = 1024.0 * 1024 * 1024;

    static TransferReport of(long limitBytes, TransferTotals totals, Instant now) {
        // A history shorter than a week is carried to a week (at least a day, so one run is no forecast).
        double days = totals.earliest() == null ? 7 : Math.max(1, Duration.between(totals.earliest(), now).toMinutes() / 1440.0);
        double scale = 7 / Math.min(7, days);
        double projectedIn = totals.standbyIn() * scale / GB;
        double projectedOut = totals.standbyOut() * scale / GB;
        double limit = limitBytes / GB;
        return new TransferReport(round(limit), round(totals.standbyIn() / GB), round(totals.standbyOut() / GB),
                round(projectedIn), round(projectedOut), projectedIn > limit || projectedOut > limit);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
