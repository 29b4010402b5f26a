package io.dbsync.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbsync.testkit.atlas.AtlasProfile;
import org.junit.jupiter.api.Test;

class ServerSpecTest {

    @Test
    void survivesTheTripThroughTheChildsCommandLine() {
        ServerSpec spec = ServerSpec.plain("standby", 10_000, 3600).withOplog(true).withAtlas("m0", 64, 100);

        ServerSpec parsed = ServerSpec.parse(spec.toArgs().toArray(new String[0]));

        assertThat(parsed).isEqualTo(spec);
        assertThat(parsed.profile().quotaBytes()).isEqualTo(64 * AtlasProfile.MEGABYTE);
        assertThat(parsed.profile().opsPerSecond()).isEqualTo(100);
    }

    @Test
    void keepsTheTiersOwnQuotaAndBudgetWhenNoneIsGiven() {
        ServerSpec spec = ServerSpec.parse(new String[] {"standby", "0", "60", "--atlas", "atlas-m0"});

        assertThat(spec.profile()).isEqualTo(AtlasProfile.m0());
        assertThat(ServerSpec.parse(new String[] {"plain", "0", "60"}).profile()).isNull();
    }

    @Test
    void refusesAnUnknownTierWithTheProfilesOwnWords() {
        assertThatThrownBy(() -> ServerSpec.plain("standby", 0, 60).withAtlas("m10", 0, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected atlas-m0 or atlas-flex");
    }
}
