package io.dbsync.api.http.page;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the page writes times, durations, sizes and counts: short, unambiguous, always UTC. */
final class Formats {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

    private Formats() {
    }

    static String instant(Instant instant) {
        return instant == null ? "—" : UTC.format(instant);
    }

    /** {@code 350 ms}, {@code 4.2 s}, {@code 3 min 05 s}, {@code 2 h 07 min}, {@code 3 d 4 h}. */
    static String duration(long millis) {
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        Duration d = Duration.ofMillis(millis);
        if (d.toHours() < 1) {
            return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
        }
        if (d.toDays() < 1) {
            return String.format(Locale.ROOT, "%d h %02d min", d.toHours(), d.toMinutesPart());
        }
        return String.format(Locale.ROOT, "%d d %d h", d.toDays(), d.toHoursPart());
    }

    /** How long ago {@code then} was, as seen at {@code now}. */
    static String ago(Instant then, Instant now) {
        long millis = Math.max(0, Duration.between(then, now).toMillis());
        return millis < 1_000 ? "just now" : duration(millis) + " ago";
    }

    /** Decimal units, as disks and hosts' quotas count them. */
    static String bytes(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** {@code 12,345}. */
    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }
}
