package io.dbsync.testkit.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The presets carry Atlas's documented limits; the variations change one thing each. */
class AtlasProfileTest {

    @Test
    void m0HasTheFreeClustersLimits() {
        AtlasProfile m0 = AtlasProfile.m0();

        assertThat(m0.quotaBytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(m0.opsPerSecond()).isEqualTo(100);
        assertThat(m0.maxCollections()).isEqualTo(500);
        assertThat(m0.maxDatabases()).isEqualTo(100);
        assertThat(m0.maxNamespaceBytes()).isEqualTo(95);
        assertThat(m0.maxDatabaseNameBytes()).isEqualTo(38);
        assertThat(m0.maxNestingDepth()).isEqualTo(50);
    }

    @Test
    void flexHasFiveGigabytesAndFiveHundredOperationsASecond() {
        assertThat(AtlasProfile.flex().quotaMegabytes()).isEqualTo(5 * 1024);
        assertThat(AtlasProfile.flex().opsPerSecond()).isEqualTo(500);
    }

    @Test
    void variationsChangeOnlyWhatTheyName() {
        AtlasProfile changed = AtlasProfile.m0().withQuotaMegabytes(64).withOpsPerSecond(0).withMaxCollections(7);

        assertThat(changed).isEqualTo(new AtlasProfile("atlas-m0", 64L * 1024 * 1024, 0, 7, 100, 95, 38, 50));
        assertThat(changed.describe()).isEqualTo("atlas-m0 (quota 64 MB, unlimited ops/s, 7 collections, 100 databases)");
    }

    @Test
    void findsPresetsByTheNamesTheDemoAccepts() {
        assertThat(AtlasProfile.named("atlas-m0")).isEqualTo(AtlasProfile.m0());
        assertThat(AtlasProfile.named(" Atlas-Flex ")).isEqualTo(AtlasProfile.flex());
    }

    @Test
    void refusesAnUnknownNameNamingTheKnownOnes() {
        assertThatThrownBy(() -> AtlasProfile.named("m10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown Atlas profile 'm10': expected atlas-m0 or atlas-flex");
    }

    @Test
    void refusesANegativeOperationsBudget() {
        assertThatThrownBy(() -> AtlasProfile.m0().withOpsPerSecond(-1))
                .hasMessage("operations per second must be at least 0, got -1");
    }
}
