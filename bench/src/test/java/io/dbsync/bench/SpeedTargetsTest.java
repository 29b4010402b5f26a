package io.dbsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpeedTargetsTest {

    private static BenchOptions options(String... argv) {
        return BenchOptions.parse(argv);
    }

    private static Map<String, Object> measured(double full, double delta, double seed, double limitRatio) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fullSyncOverInsertLimit", limitRatio);
        out.put("anchor", Map.of("toolsOverFullSync", 0.72));
        out.put("rtt", Map.of("docs", 2000L, "fullSyncSeconds", full, "unchangedDeltaSeconds", delta,
                "seedOverFullSync", Report.ratio(seed, full)));
        return out;
    }

    @Test
    void judgesTheQuickRunAgainstIssue17sTargets() {
        Map<String, Object> targets = SpeedTargets.targets(options("--quick"), measured(1.73, 0.4, 42, 4.1), Map.of());

        assertThat(targets.values()).containsExactly("MISSED (0.72)", "MISSED (4.1)", "MISSED (1.73)", "MET (0.4)",
                "MISSED (24.28)");
    }

    @Test
    void saysNotMeasuredForFiguresTakenInOtherConditions() {
        Map<String, Object> out = measured(0.2, 0.1, 30, 1.0);
        out.put("anchor", AnchorScenario.skipped());

        Map<String, Object> targets = SpeedTargets.targets(options("--docs", "200000"), out, Map.of());

        assertThat(targets.values()).allSatisfy(verdict -> assertThat((String) verdict).startsWith("NOT MEASURED"));
    }

    @Test
    void marksAVerdictThatRestsOnANoisyMeasurement() {
        Map<String, Object> details = Map.of("deltaSyncRtt", Map.of("noisy", true));

        Map<String, Object> targets = SpeedTargets.targets(options("--quick"), measured(0.5, 0.3, 40, 1.5), details);

        assertThat(targets.values()).anySatisfy(verdict -> assertThat((String) verdict).isEqualTo(
                "MET (0.3) (unreliable: measured while other processes used the CPU)"));
    }
}
