package io.dbsync.api.sync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Staging names that fit the standby's namespace limit, and stay recognisable. */
class StagingNamesTest {

    @Test
    void aShortNameKeepsItsPlainStagingName() {
        assertThat(StagingNames.stagingFor("orders", "1a2b3c4d", 82)).isEqualTo("orders__dbsync_staging_1a2b3c4d");
    }

    @Test
    void aLongNameIsShortenedWithAHashAndStillFitsAndIsRecognised() {
        String sixtyBytes = "customer_events_by_region_and_quarter_" + "x".repeat(22);
        String other = "customer_events_by_region_and_quarter_" + "y".repeat(22);
        int room = 95 - "shop_standby".length() - 1;

        String staging = StagingNames.stagingFor(sixtyBytes, "1a2b3c4d", room);

        assertThat(staging.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(room);
        assertThat(StagingNames.isStaging(staging)).isTrue();
        assertThat(staging).startsWith("customer_events").contains("~").endsWith("__dbsync_staging_1a2b3c4d");
        assertThat(StagingNames.stagingFor(other, "1a2b3c4d", room)).isNotEqualTo(staging);
    }

    @Test
    void aMultiByteNameIsCutBetweenCharacters() {
        String staging = StagingNames.stagingFor("ü".repeat(40), "1a2b3c4d", 60);

        assertThat(staging.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(60);
        assertThat(new String(staging.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(staging);
        assertThat(staging).doesNotContain("\uFFFD");
    }
}
