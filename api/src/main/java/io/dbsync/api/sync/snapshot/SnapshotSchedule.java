package io.dbsync.api.sync.snapshot;

import io.dbsync.api.config.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a completed run also writes a restore point ({@code SNAPSHOT_EVERY}): never (unset), after
 * every completed run ({@code 0}), or once the last restore point is at least an interval old
 * ({@code 30m}, {@code 24h}, {@code 7d}).
 *
 * <p>A restore point counts as due a little early, {@link #TOLERANCE_DIVISOR 1/20} of the interval
 * before it: runs start on a fixed schedule but take varying time, so with {@code 24h} and a daily
 * run, a run ending three seconds earlier than yesterday's would otherwise skip a whole day.
 */
public final class SnapshotSchedule {
    public static final int TOLERANCE_DIVISOR = 20;
    /** The longest interval accepted: a year. */
    public static final Duration MAX_INTERVAL = Duration.ofDays(366);
    private static final Pattern INTERVAL = Pattern.compile("(\\d{1,6})([mhd])");

    private final Optional<Duration> every;
    private final boolean enabled;

    private SnapshotSchedule(boolean enabled, Optional<Duration> every) {
        this.enabled = enabled;
        this.every = every;
    }

    public static SnapshotSchedule off() {
        return new SnapshotSchedule(false, Optional.empty());
    }

    public static SnapshotSchedule everyRun() {
        return new SnapshotSchedule(true, Optional.of(Duration.ZERO));
    }

    public static SnapshotSchedule every(Duration interval) {
        if (interval.isNegative() || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("a restore-point interval must be between 0 and " + MAX_INTERVAL.toDays() + " days");
        }
        return interval.isZero() ? everyRun() : new SnapshotSchedule(true, Optional.of(interval));
    }

    /**
     * Parses {@code variable}'s value: blank or null = off, {@code 0} = every completed run, else a
     * whole number of minutes, hours or days ({@code 30m}, {@code 24h}, {@code 7d}).
     *
     * @throws ConfigException naming {@code variable} otherwise
     */
    public static SnapshotSchedule parse(String variable, String value) {
        if (value == null || value.isBlank()) {
            return off();
        }
        String text = value.trim();
        if (text.equals("0")) {
            return everyRun();
        }
        Matcher matcher = INTERVAL.matcher(text);
        if (!matcher.matches()) {
            throw new ConfigException(variable + " must be 0 (every completed run) or a whole number with m, h or d"
                    + " (minutes, hours, days), e.g. 30m, 24h, 7d");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration interval = switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (interval.isZero() || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new ConfigException(variable + " must be 0 or an interval from 1m to " + MAX_INTERVAL.toDays() + "d");
        }
        return every(interval);
    }

    public boolean enabled() {
        return enabled;
    }

    /** The interval; zero for every run, empty when off. */
    public Optional<Duration> interval() {
        return every;
    }

    /**
     * Whether a completed run at {@code now} should write a restore point, given when the newest
     * complete one was written (empty: there is none).
     */
    public boolean isDue(Optional<Instant> lastRestorePoint, Instant now) {
        if (!enabled) {
            return false;
        }
        Duration interval = every.orElseThrow();
        if (interval.isZero() || lastRestorePoint.isEmpty()) {
            return true;
        }
        Duration elapsed = Duration.between(lastRestorePoint.get(), now);
        return elapsed.compareTo(interval.minus(interval.dividedBy(TOLERANCE_DIVISOR))) >= 0;
    }

    @Override
    public String toString() {
        if (!enabled) {
            return "off";
        }
        Duration interval = every.orElseThrow();
        return interval.isZero() ? "every run" : "every " + interval;
    }
}
