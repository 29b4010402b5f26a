package io.dbsync.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.auth.PasswordHasher;
import io.dbsync.api.auth.UserStatus;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.store.Postgres;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.MetricsText;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import io.dbsync.api.testing.TestServers;
import io.dbsync.api.users.UserAdmin;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reliability case 32: the verified-credential cache never outlives the users table. The users are
 * changed the way an operator changes them — through the command line's code on its own connection
 * pool, as another process would, and by hand in SQL — and the very next request sees it.
 */
class StaleCacheIT {
    private static final String USER = "carol";
    private static final String PASSWORD = "carol-password-1";

    @RegisterExtension
    final TestServers servers = new TestServers();

    private static String bcryptChecks(TestApi api) {
        return String.valueOf(MetricsText.value(api.send("GET", "/metrics", null).body(),
                "dbsync_password_checks_total{kind=\"bcrypt\"}"));
    }

    private static int status(TestApi api, String password) {
        return api.send("GET", "/runs?limit=1", TestApi.basic(USER, password)).statusCode();
    }

    @Test
    void aDisabledUserOrANewPasswordIsRefusedFromTheNextRequestOn() throws Exception {
        TestMongo mongo = servers.mongo();
        DatabaseUrl database = TestPostgres.freshDatabase();
        TestApi api = servers.track(TestApi.start(mongo, ApiSetup.defaults().withDatabase(database)));
        // The command line's own process: its own pool on the same database.
        Postgres cli = servers.track(Postgres.open(database, 1));
        UserAdmin admin = new UserAdmin(cli.jdbi(), new PasswordHasher(TestApi.TEST_BCRYPT_COST));
        admin.add(USER, PASSWORD);
        int staleAccepted = 0;

        assertThat(status(api, PASSWORD)).isEqualTo(200);
        String checksAfterFirst = bcryptChecks(api);
        assertThat(status(api, PASSWORD)).isEqualTo(200);
        assertThat(bcryptChecks(api)).as("the second request is served from the cache").isEqualTo(checksAfterFirst);

        admin.setStatus(USER, UserStatus.DISABLED);
        int afterDisable = status(api, PASSWORD);
        staleAccepted += afterDisable == 200 ? 1 : 0;
        admin.setStatus(USER, UserStatus.ACTIVE);
        assertThat(status(api, PASSWORD)).isEqualTo(200);

        admin.changePassword(USER, "carol-password-2");
        int oldPasswordAfterChange = status(api, PASSWORD);
        staleAccepted += oldPasswordAfterChange == 200 ? 1 : 0;
        assertThat(status(api, "carol-password-2")).isEqualTo(200);

        // By hand, as an operator might in psql: the row is the truth, whoever wrote it.
        try (Connection sql = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             PreparedStatement disable = sql.prepareStatement("UPDATE users SET status = 'disabled' WHERE username = ?")) {
            disable.setString(1, USER);
            disable.executeUpdate();
        }
        int afterSqlDisable = status(api, "carol-password-2");
        staleAccepted += afterSqlDisable == 200 ? 1 : 0;

        System.out.println("case=stale-cache changes=3 staleCacheAccepted=" + staleAccepted);
        assertThat(afterDisable).isEqualTo(401);
        assertThat(oldPasswordAfterChange).isEqualTo(401);
        assertThat(afterSqlDisable).isEqualTo(401);
        assertThat(staleAccepted).isZero();
    }
}
