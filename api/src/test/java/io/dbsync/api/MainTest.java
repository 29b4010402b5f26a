package io.dbsync.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start-up refuses missing or malformed configuration with one line naming the variable. */
class MainTest {
    private static final Map<String, String> COMPLETE = Map.of(
            "SOURCE_MONGODB_URI", "mongodb://app:s3cret@127.0.0.1:1/shop",
            "TARGET_MONGODB_URI", "mongodb://127.0.0.1:2/shop_standby",
            "DATABASE_URL", "postgres://dbsync:pgs3cret@127.0.0.1:1/dbsync");

    private static Map<String, String> without(String variable) {
        Map<String, String> env = new java.util.HashMap<>(COMPLETE);
        env.remove(variable);
        return env;
    }

    @Test
    void aMissingVariableStopsStartUpNamingIt() {
        for (String variable : COMPLETE.keySet()) {
            MainRunner.Result result = MainRunner.run(without(variable), "", "serve");

            assertThat(result.exitCode()).as(variable).isEqualTo(Main.CONFIG_ERROR);
            assertThat(result.err()).as(variable).contains(variable).contains("is not set");
            assertThat(result.err().lines().count()).as(variable).isEqualTo(1);
        }
    }

    @Test
    void noArgumentsMeansServeAndFailsTheSameWay() {
        MainRunner.Result result = MainRunner.run(without("DATABASE_URL"), "");

        assertThat(result.exitCode()).isEqualTo(Main.CONFIG_ERROR);
        assertThat(result.err()).contains("DATABASE_URL");
    }

    @Test
    void aMalformedValueIsNamedWithoutEchoingItsSecret() {
        Map<String, String> env = new java.util.HashMap<>(COMPLETE);
        env.put("SOURCE_MONGODB_URI", "mongodb://app:s3cret@");

        MainRunner.Result result = MainRunner.run(env, "", "serve");

        assertThat(result.exitCode()).isEqualTo(Main.CONFIG_ERROR);
        assertThat(result.err()).contains("SOURCE_MONGODB_URI").doesNotContain("s3cret");
    }

    @Test
    void usersWithoutASubcommandShowsItsUsage() {
        MainRunner.Result result = MainRunner.run(COMPLETE, "", "users");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("add").contains("disable").contains("passwd");
    }
}
