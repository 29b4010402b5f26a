package io.dbsync.api.sync.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Forty days of restore points every six hours, from Thursday 2026-01-01 00:00 UTC (ISO week
 * 2026-W01) to Monday 2026-02-09 18:00 UTC (2026-W07), with gaps: no restore point at all in
 * ISO week 2026-W03 (Jan 12–18) nor on Feb 5, and the 18:00 one failed on Jan 25, Feb 1 and Feb 8.
 */
final class RetentionScenario {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant END = Instant.parse("2026-02-09T18:00:00Z");
    static final Duration EVERY = Duration.ofHours(6);
    static final Set<Instant> FAILED = Set.of(at("2026-01-25T18"), at("2026-02-01T18"), at("2026-02-08T18"));

    private RetentionScenario() {
    }

    static Instant at(String hour) {
        return Instant.parse(hour + ":00:00Z");
    }

    /** Every six-hour slot of the forty days, in order. */
    static List<Instant> slots() {
        List<Instant> slots = new ArrayList<>();
        for (Instant slot = START; !slot.isAfter(END); slot = slot.plus(EVERY)) {
            slots.add(slot);
        }
        return slots;
    }

    /** Whether the slot produced a complete restore point. */
    static boolean written(Instant slot) {
        String day = slot.toString().substring(0, 10);
        boolean week3 = day.compareTo("2026-01-12") >= 0 && day.compareTo("2026-01-18") <= 0;
        return !week3 && !day.equals("2026-02-05") && !FAILED.contains(slot);
    }

    /** Whether the slot's run tried and failed (as opposed to not running at all). */
    static boolean failed(Instant slot) {
        return FAILED.contains(slot);
    }
}
