package io.dbsync.api.sync.snapshot;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which restore points to keep, grandfather-father-son as restic's {@code forget}, mgob and PBM do
 * it ({@code SNAPSHOT_KEEP_LAST}, {@code _DAILY}, {@code _WEEKLY}): the newest {@code keepLast};
 * the newest of each of the last {@code keepDaily} days that have one; the newest of each of the
 * last {@code keepWeekly} ISO weeks that have one. A restore point kept by any rule stays, and the
 * newest one always stays, whatever the numbers. Days and weeks are UTC.
 *
 * <p>Pure: it decides over ids and times, the catalog applies the decision.
 */
public record Retention(int keepLast, int keepDaily, int keepWeekly) {
    public static final int MAX_KEEP = 10_000;

    public Retention {
        if (keepLast < 0 || keepDaily < 0 || keepWeekly < 0 || keepLast > MAX_KEEP || keepDaily > MAX_KEEP || keepWeekly > MAX_KEEP) {
            throw new IllegalArgumentException("retention counts must be between 0 and " + MAX_KEEP);
        }
    }

    /** A restore point as retention sees it. */
    public record Candidate(String id, Instant createdAt) {
    }

    /** One restore point kept, with every rule that keeps it. */
    public record Kept(Candidate candidate, List<String> reasons) {
    }

    /** One restore point to delete, and why. */
    public record Deleted(Candidate candidate, String reason) {
    }

    /** Both lists newest first. */
    public record Decision(List<Kept> kept, List<Deleted> deleted) {
    }

    public Decision decide(List<Candidate> candidates) {
        List<Candidate> newestFirst = new ArrayList<>(candidates);
        newestFirst.sort(Comparator.comparing(Candidate::createdAt).thenComparing(Candidate::id).reversed());
        Map<Candidate, List<String>> reasons = new LinkedHashMap<>();
        newestFirst.forEach(candidate -> reasons.put(candidate, new ArrayList<>()));
        if (!newestFirst.isEmpty()) {
            reasons.get(newestFirst.get(0)).add("newest");
        }
        for (int i = 0; i < Math.min(keepLast, newestFirst.size()); i++) {
            reasons.get(newestFirst.get(i)).add("last " + (i + 1) + " of " + keepLast);
        }
        keepNewestPerPeriod(newestFirst, keepDaily, "daily", Retention::day, reasons);
        keepNewestPerPeriod(newestFirst, keepWeekly, "weekly", Retention::isoWeek, reasons);
        List<Kept> kept = new ArrayList<>();
        List<Deleted> deleted = new ArrayList<>();
        String outside = "kept by no rule (last " + keepLast + ", daily " + keepDaily + ", weekly " + keepWeekly + ")";
        reasons.forEach((candidate, why) -> {
            if (why.isEmpty()) {
                deleted.add(new Deleted(candidate, outside));
            } else {
                kept.add(new Kept(candidate, List.copyOf(why)));
            }
        });
        return new Decision(kept, deleted);
    }

    /** Walking newest first, the first restore point of each new period is that period's newest. */
    private static void keepNewestPerPeriod(List<Candidate> newestFirst, int periods, String rule,
            Function<Instant, String> periodOf, Map<Candidate, List<String>> reasons) {
        String previous = null;
        int left = periods;
        for (Candidate candidate : newestFirst) {
            if (left == 0) {
                return;
            }
            String period = periodOf.apply(candidate.createdAt());
            if (!period.equals(previous)) {
                reasons.get(candidate).add(rule + " " + period);
                previous = period;
                left--;
            }
        }
    }

    private static String day(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC).toString();
    }

    private static String isoWeek(Instant time) {
        LocalDate date = LocalDate.ofInstant(time, ZoneOffset.UTC);
        return String.format("%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
