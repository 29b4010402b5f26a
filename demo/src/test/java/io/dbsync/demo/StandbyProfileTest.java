package io.dbsync.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbsync.testkit.atlas.AtlasProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's standby option: unset keeps the plain server; set, it names an Atlas preset and maybe a quota. */
class StandbyProfileTest {

    @Test
    void keepsThePlainStandbyWhenUnset() {
        assertThat(StandbyProfile.fromEnvironment(Map.of())).isEmpty();
    }

    @Test
    void runsTheStandbyUnderTheNamedPresetWithTheGivenQuota() {
        Map<String, String> environment = Map.of("DEMO_STANDBY_PROFILE", "atlas-m0", "DEMO_STANDBY_QUOTA_MB", "64");

        assertThat(StandbyProfile.fromEnvironment(environment)).contains(AtlasProfile.m0().withQuotaMegabytes(64));
    }

    @Test
    void refusesAnUnknownProfileNamingTheVariable() {
        assertThatThrownBy(() -> StandbyProfile.fromEnvironment(Map.of("DEMO_STANDBY_PROFILE", "m10")))
                .hasMessage("DEMO_STANDBY_PROFILE: unknown Atlas profile 'm10': expected atlas-m0 or atlas-flex");
    }

    @Test
    void refusesAQuotaThatIsNotAWholeNumberOfMegabytes() {
        assertThatThrownBy(() -> StandbyProfile.fromEnvironment(Map.of("DEMO_STANDBY_PROFILE", "atlas-m0", "DEMO_STANDBY_QUOTA_MB", "0.5")))
                .hasMessage("DEMO_STANDBY_QUOTA_MB must be a whole number of megabytes, at least 1; got '0.5'");
    }

    @Test
    void refusesAQuotaWithoutAProfile() {
        assertThatThrownBy(() -> StandbyProfile.fromEnvironment(Map.of("DEMO_STANDBY_QUOTA_MB", "64")))
                .hasMessage("DEMO_STANDBY_QUOTA_MB needs DEMO_STANDBY_PROFILE (atlas-m0 or atlas-flex)");
    }
}
