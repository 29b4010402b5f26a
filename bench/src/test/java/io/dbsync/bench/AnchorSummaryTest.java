package io.dbsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnchorSummaryTest {

    private static Map<String, Object> pair(double tools, double sync) {
        return Map.of("toolsPipeSeconds", tools, "fullSyncSeconds", sync, "toolsOverFullSync", Report.ratio(tools, sync));
    }

    @Test
    void comparesTheMediansAndKeepsTheSpread() {
        Map<String, Object> summary = AnchorRunner.summary(List.of(pair(1.6, 2.0), pair(1.9, 1.8), pair(1.7, 2.6)));

        assertThat(summary).containsEntry("toolsPipeSeconds", 1.7).containsEntry("fullSyncSeconds", 2.0)
                .containsEntry("toolsOverFullSync", 0.85)
                .containsEntry("toolsPipeRange", List.of(1.6, 1.9)).containsEntry("fullSyncRange", List.of(1.8, 2.6));
        assertThat(summary.get("toolsOverFullSyncPerPair")).isEqualTo(List.of(0.8, 1.06, 0.65));
    }
}
