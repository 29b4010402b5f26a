package io.dbsync.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code TARGET_*}: Atlas's shared-tier limits from {@code TARGET_TIER}, one override per variable, and the checks at start-up. */
class StandbyLimitsTest {
    private static final long MB = 1024L * 1024;

    private static ApiConfig config(String targetDb, String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of(
                "SOURCE_MONGODB_URI", "mongodb://primary.example.net/shop",
                "TARGET_MONGODB_URI", "mongodb://standby.example.net/" + targetDb,
                "DATABASE_URL", "postgres://u:p@db.example.net/users"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return ApiConfig.fromEnv(env);
    }

    @Test
    void noTierMeansNoLimitsButMongoDbsOwnNamespaceLength() {
        StandbyLimits limits = config("shop_standby").policy().limits();

        assertThat(limits.tier()).isNull();
        assertThat(limits.storageBytes()).isEmpty();
        assertThat(limits.maxCollections()).isEmpty();
        assertThat(limits.maxNamespaceBytes()).isEqualTo(255);
        assertThat(limits.transferBytesPerWeek()).isEmpty();
    }

    @Test
    void theM0AndFlexTiersSetAtlasLimitsAndEachVariableOverridesOne() {
        StandbyLimits m0 = config("shop_standby", "TARGET_TIER", "M0").policy().limits();
        assertThat(m0.tier()).isEqualTo("m0");
        assertThat(m0.storageBytes()).hasValue(512 * MB);
        assertThat(m0.maxCollections()).hasValue(500);
        assertThat(m0.maxNamespaceBytes()).isEqualTo(95);
        assertThat(m0.maxDatabaseNameBytes()).hasValue(38);
        assertThat(m0.transferBytesPerWeek()).hasValue(10L * 1024 * MB);

        StandbyLimits flex = config("shop_standby", "TARGET_TIER", "atlas-flex", "TARGET_STORAGE_LIMIT_MB", "2048",
                "TARGET_MAX_COLLECTIONS", "120", "TARGET_TRANSFER_LIMIT_GB_PER_WEEK", "3").policy().limits();
        assertThat(flex.tier()).isEqualTo("flex");
        assertThat(flex.storageBytes()).hasValue(2048 * MB);
        assertThat(flex.maxCollections()).hasValue(120);
        assertThat(flex.maxNamespaceBytes()).isEqualTo(95);
        assertThat(flex.transferBytesPerWeek()).hasValue(3L * 1024 * MB);
    }

    @Test
    void anUnknownTierOrABadNumberIsAConfigurationErrorNamingTheVariable() {
        assertThatThrownBy(() -> config("shop_standby", "TARGET_TIER", "m10"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TARGET_TIER must be m0 or flex");
        assertThatThrownBy(() -> config("shop_standby", "TARGET_STORAGE_LIMIT_MB", "half"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TARGET_STORAGE_LIMIT_MB");
        assertThatThrownBy(() -> config("shop_standby", "TARGET_MAX_COLLECTIONS", "0"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TARGET_MAX_COLLECTIONS");
    }

    @Test
    void aStandbyDatabaseNameOverThirtyEightBytesIsRefusedAtStartUpOnAnAtlasTier() {
        String thirtyEight = "s".repeat(38);
        assertThat(config(thirtyEight, "TARGET_TIER", "m0").target().database()).isEqualTo(thirtyEight);
        assertThat(config(thirtyEight + "x").target().database()).hasSize(39);

        assertThatThrownBy(() -> config(thirtyEight + "x", "TARGET_TIER", "m0"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is 39 bytes; Atlas m0 allows at most 38 (TARGET_DB or the URI's path)");
    }

    @Test
    void runsMustEndWithinTheRequestOnlyWhenTheHostSaysSo() {
        assertThat(config("shop_standby").syncWithinRequest()).isFalse();
        assertThat(config("shop_standby", "SYNC_WITHIN_REQUEST", "true").syncWithinRequest()).isTrue();
        assertThatThrownBy(() -> config("shop_standby", "SYNC_WITHIN_REQUEST", "sometimes"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SYNC_WITHIN_REQUEST");
    }
}
