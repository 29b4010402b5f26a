package io.dbsync.api.sync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import java.util.Map;

class DeletionGuardTest {
    private final DeletionGuard guard = new DeletionGuard(50);

    @Test
    void aShrinkOfExactlyTheLimitPassesAndOneDocumentMoreIsRefused() {
        assertThat(guard.refusal(true, Map.of("c", 50L), Map.of("c", 100L))).isEmpty();
        assertThat(guard.refusal(true, Map.of("c", 49L), Map.of("c", 100L)))
                .hasValueSatisfying(why -> assertThat(why).contains("'c'").contains("from 100 to 49").contains("51 %"));
    }

    @Test
    void growthNewCollectionsAndAnEmptyStandbyAreNeverRefused() {
        assertThat(guard.refusal(true, Map.of("c", 500L), Map.of("c", 100L))).isEmpty();
        assertThat(guard.refusal(true, Map.of("new", 0L), Map.of("c", 100L))).isEmpty();
        assertThat(guard.refusal(false, Map.of(), Map.of())).isEmpty();
        assertThat(guard.refusal(false, Map.of(), Map.of("empty", 0L))).isEmpty();
    }

    @Test
    void anEmptySourceDatabaseAgainstAStandbyWithDataIsRefused() {
        assertThat(guard.refusal(false, Map.of(), Map.of("c", 1L))).hasValueSatisfying(why -> assertThat(why)
                .contains("no collections").contains("1 documents"));
    }

    @Test
    void aZeroPercentLimitRefusesAnyShrink() {
        assertThat(new DeletionGuard(0).refusal(true, Map.of("c", 99L), Map.of("c", 100L))).isPresent();
        assertThat(new DeletionGuard(100).refusal(true, Map.of("c", 0L), Map.of("c", 100L))).isEmpty();
    }
}
