package io.dbsync.demo;

import io.dbsync.testkit.atlas.AtlasProfile;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's option to run its standby like an Atlas free-tier cluster: {@code DEMO_STANDBY_PROFILE}
 * ({@code atlas-m0} or {@code atlas-flex}) and, optionally, {@code DEMO_STANDBY_QUOTA_MB}. Unset, the
 * standby is a plain in-memory server, as it always was.
 */
final class StandbyProfile {
    static final String PROFILE = "DEMO_STANDBY_PROFILE";
    static final String QUOTA_MB = "DEMO_STANDBY_QUOTA_MB";

    private StandbyProfile() {
    }

    /** @throws IllegalArgumentException naming the variable and what it accepts */
    static Optional<AtlasProfile> fromEnvironment(Map<String, String> environment) {
        String name = environment.getOrDefault(PROFILE, "").trim();
        String quota = environment.getOrDefault(QUOTA_MB, "").trim();
        if (name.isEmpty()) {
            if (!quota.isEmpty()) {
                throw new IllegalArgumentException(QUOTA_MB + " needs " + PROFILE + " (atlas-m0 or atlas-flex)");
            }
            return Optional.empty();
        }
        AtlasProfile profile;
        try {
            profile = AtlasProfile.named(name);
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException(PROFILE + ": " + unknown.getMessage(), unknown);
        }
        return Optional.of(quota.isEmpty() ? profile : profile.withQuotaMegabytes(megabytes(quota)));
    }

    /** What the demo prints about its standby. */
    static String describe(Optional<AtlasProfile> profile) {
        return profile.map(atlas -> "Atlas profile " + atlas.describe())
                .orElse("plain in-memory server (set " + PROFILE + "=atlas-m0 for Atlas's free-tier limits)");
    }

    private static long megabytes(String quota) {
        try {
            long megabytes = Long.parseLong(quota);
            if (megabytes >= 1) {
                return megabytes;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the value
        }
        throw new IllegalArgumentException(QUOTA_MB + " must be a whole number of megabytes, at least 1; got '" + quota + "'");
    }
}
