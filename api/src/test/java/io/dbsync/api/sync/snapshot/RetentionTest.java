package io.dbsync.api.sync.snapshot;

import static io.dbsync.api.sync.snapshot.RetentionScenario.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Retention over the forty days of {@link RetentionScenario}; every expected set is worked out by hand in its comment. */
class RetentionTest {

    @Test
    void lastFourDailySevenWeeklyFourKeepsExactlyTwelve() {
        // last 4: all four of Feb 9. daily 7, over days that have one: Feb 9, 8 (its 18:00 failed: 12:00), 7, 6,
        // 4 (none on Feb 5), 3, 2. weekly 4: W07 Feb 9 18:00, W06 Feb 8 12:00, W05 Feb 1 12:00, W04 Jan 25 12:00.
        assertThat(keptAtEnd(new Retention(4, 7, 4))).containsExactlyInAnyOrder(
                at("2026-02-09T18"), at("2026-02-09T12"), at("2026-02-09T06"), at("2026-02-09T00"),
                at("2026-02-08T12"), at("2026-02-07T18"), at("2026-02-06T18"), at("2026-02-04T18"),
                at("2026-02-03T18"), at("2026-02-02T18"), at("2026-02-01T12"), at("2026-01-25T12"));
    }

    @Test
    void weeklySixSkipsTheWeekWithoutAnyRestorePoint() {
        // W07, W06, W05, W04, then W02 and W01: W03 has none, so it does not use up one of the six.
        assertThat(keptAtEnd(new Retention(0, 0, 6))).containsExactlyInAnyOrder(
                at("2026-02-09T18"), at("2026-02-08T12"), at("2026-02-01T12"), at("2026-01-25T12"),
                at("2026-01-11T18"), at("2026-01-04T18"));
    }

    @Test
    void lastTenKeepsTheTenNewestAcrossDays() {
        assertThat(keptAtEnd(new Retention(10, 0, 0))).containsExactlyInAnyOrder(
                at("2026-02-09T18"), at("2026-02-09T12"), at("2026-02-09T06"), at("2026-02-09T00"),
                at("2026-02-08T12"), at("2026-02-08T06"), at("2026-02-08T00"),
                at("2026-02-07T18"), at("2026-02-07T12"), at("2026-02-07T06"));
    }

    @Test
    void keepingNothingStillKeepsTheNewest() {
        assertThat(keptAtEnd(new Retention(0, 0, 0))).containsExactly(at("2026-02-09T18"));
    }

    @ParameterizedTest
    @CsvSource({"4,7,4", "0,0,6", "10,0,0", "0,0,0", "1,3,2", "0,30,0"})
    void pruningAfterEveryRestorePointEndsWhereOneDecisionOverAllOfThemDoes(int last, int daily, int weekly) {
        Retention retention = new Retention(last, daily, weekly);
        List<Retention.Candidate> stored = new ArrayList<>();
        for (Instant slot : RetentionScenario.slots()) {
            if (RetentionScenario.written(slot)) {
                stored.add(candidate(slot));
                Retention.Decision decision = retention.decide(stored);
                assertThat(decision.kept().get(0).candidate().createdAt()).as("the newest is kept").isEqualTo(slot);
                stored = new ArrayList<>(decision.kept().stream().map(Retention.Kept::candidate).toList());
            }
        }
        assertThat(times(stored)).isEqualTo(keptAtEnd(retention));
    }

    @Test
    void saysWhyEachRestorePointIsKeptOrDeleted() {
        Retention.Decision decision = new Retention(4, 7, 4).decide(allWritten());

        assertThat(reasonsFor(decision, at("2026-02-09T18")))
                .containsExactly("newest", "last 1 of 4", "daily 2026-02-09", "weekly 2026-W07");
        assertThat(reasonsFor(decision, at("2026-01-25T12"))).containsExactly("weekly 2026-W04");
        assertThat(reasonsFor(decision, at("2026-02-08T12"))).containsExactly("daily 2026-02-08", "weekly 2026-W06");
        assertThat(decision.deleted()).hasSize(125 - 12)
                .allSatisfy(deleted -> assertThat(deleted.reason()).isEqualTo("kept by no rule (last 4, daily 7, weekly 4)"));
        assertThat(decision.deleted().get(0).candidate().createdAt()).isEqualTo(at("2026-02-08T06"));
    }

    @Test
    void decidesNothingOverNoRestorePoints() {
        Retention.Decision decision = new Retention(1, 1, 1).decide(List.of());

        assertThat(decision.kept()).isEmpty();
        assertThat(decision.deleted()).isEmpty();
    }

    @Test
    void refusesNegativeCounts() {
        assertThatThrownBy(() -> new Retention(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    static List<Retention.Candidate> allWritten() {
        return RetentionScenario.slots().stream().filter(RetentionScenario::written).map(RetentionTest::candidate).toList();
    }

    private static Set<Instant> keptAtEnd(Retention retention) {
        List<Retention.Candidate> written = allWritten();
        assertThat(written).hasSize(125);
        return times(retention.decide(written).kept().stream().map(Retention.Kept::candidate).toList());
    }

    private static Retention.Candidate candidate(Instant slot) {
        return new Retention.Candidate(RestorePointKeys.newId(slot, "run"), slot);
    }

    private static Set<Instant> times(List<Retention.Candidate> candidates) {
        return candidates.stream().map(Retention.Candidate::createdAt).collect(Collectors.toSet());
    }

    private static List<String> reasonsFor(Retention.Decision decision, Instant time) {
        return decision.kept().stream().filter(kept -> kept.candidate().createdAt().equals(time)).findFirst()
                .orElseThrow(() -> new AssertionError(time + " was not kept")).reasons();
    }
}
