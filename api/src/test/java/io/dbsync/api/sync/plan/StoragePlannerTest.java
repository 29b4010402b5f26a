package io.dbsync.api.sync.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbsync.api.config.StandbyLimits;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** How a run fits a standby of known size: all at once, one collection at a time, or not at all. */
class StoragePlannerTest {
    private static final long MB = 1024 * 1024;

    private static StandbyLimits limit(long mb, int collections) {
        return new StandbyLimits("m0", OptionalLong.of(mb * MB), OptionalInt.of(collections), 95, OptionalInt.of(38),
                OptionalLong.empty());
    }

    private static CollectionTask copy(String name, long mb) {
        return CollectionTask.copy(new CollectionPlan(name, CollectionKind.COLLECTION, new BsonDocument(), 1, mb * MB), null);
    }

    @Test
    void everythingStagedAtOnceWhenItFits() {
        StoragePlan plan = StoragePlanner.plan(limit(100, 500), 40 * MB, Map.of("a", 30 * MB, "b", 10 * MB), 2,
                List.of(copy("a", 30), copy("b", 10)));

        assertThat(plan.strategy()).isEqualTo(StoragePlan.Strategy.WHOLE);
        assertThat(plan.peakMb()).isEqualTo(80);
        assertThat(plan.afterMb()).isEqualTo(40);
    }

    @Test
    void oneAtATimeLargestFirstWhenOnlyThatFits() {
        StoragePlan plan = StoragePlanner.plan(limit(100, 500), 60 * MB, Map.of("a", 35 * MB, "b", 25 * MB), 2,
                List.of(copy("b", 25), copy("a", 35)));

        assertThat(plan.strategy()).isEqualTo(StoragePlan.Strategy.PER_COLLECTION);
        assertThat(plan.peakMb()).isEqualTo(95);
        assertThat(plan.reason()).contains("120 MB at peak").contains("95 MB at peak");
    }

    @Test
    void refusedWithTheNumbersWhenNothingFits() {
        assertThatThrownBy(() -> StoragePlanner.plan(limit(100, 500), 60 * MB, Map.of("a", 55 * MB, "b", 5 * MB), 2,
                List.of(copy("a", 55), copy("b", 5))))
                .isInstanceOf(StoragePlanner.DoesNotFit.class).hasMessageContaining("needs 115 MB at peak, limit 100 MB");
    }

    @Test
    void aDirectCopyAddsItsSizeOnceAndNoStaging() {
        CollectionTask direct = copy("fresh", 70).direct("absent on the standby");

        StoragePlan plan = StoragePlanner.plan(limit(100, 500), 20 * MB, Map.of(), 0, List.of(direct));

        assertThat(plan.strategy()).isEqualTo(StoragePlan.Strategy.WHOLE);
        assertThat(plan.peakMb()).isEqualTo(90);
    }

    @Test
    void stagingStaysInsideTheCollectionLimit() {
        StoragePlan plan = StoragePlanner.plan(limit(1000, 10), 40 * MB, Map.of("a", MB, "b", MB, "c", MB), 9,
                List.of(copy("a", 1), copy("b", 1), copy("c", 1)));

        assertThat(plan.strategy()).isEqualTo(StoragePlan.Strategy.PER_COLLECTION);
        assertThat(plan.reason()).contains("3 more collections, the standby has room for 1");
        assertThatThrownBy(() -> StoragePlanner.plan(limit(1000, 9), 40 * MB, Map.of("a", MB), 9, List.of(copy("a", 1))))
                .isInstanceOf(StoragePlanner.DoesNotFit.class).hasMessageContaining("has room for 0");
    }

    @Test
    void withoutAKnownLimitEverythingIsStagedAtOnce() {
        StoragePlan plan = StoragePlanner.plan(StandbyLimits.none(), 0, Map.of(), 0, List.of(copy("a", 500)));

        assertThat(plan.strategy()).isEqualTo(StoragePlan.Strategy.WHOLE);
        assertThat(plan.limitMb()).isNull();
    }
}
