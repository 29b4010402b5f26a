package io.dbsync.api.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.MainRunner;
import io.dbsync.api.auth.Authenticator;
import io.dbsync.api.auth.LoginOutcome;
import io.dbsync.api.config.AuthSettings;
import java.time.Clock;
import io.dbsync.api.auth.PasswordHasher;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.store.Postgres;
import io.dbsync.api.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.util.Map;

/** The {@code users} commands through the real command line against a real PostgreSQL. */
class UsersCliIT {
    private DatabaseUrl databaseUrl;
    private Map<String, String> env;
    private Postgres database;

    @BeforeEach
    void freshDatabase() {
        databaseUrl = TestPostgres.freshDatabase();
        env = Map.of("DATABASE_URL", herokuStyle(databaseUrl), "BCRYPT_COST", "10");
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    /** postgres://user:pass@host:port/db, the form Heroku hands out — so the parser is on the real path. */
    private static String herokuStyle(DatabaseUrl url) {
        String hostAndDb = url.jdbcUrl().substring("jdbc:postgresql://".length()).replaceFirst("\\?.*$", "");
        return "postgres://" + url.username() + ":" + url.password() + "@" + hostAndDb;
    }

    private boolean canLogIn(String username, String password) {
        if (database == null) {
            database = Postgres.open(databaseUrl, 2);
        }
        return new Authenticator(database.jdbi(), new PasswordHasher(10), AuthSettings.defaults(), Clock.systemUTC())
                .authenticate(username, password, "127.0.0.1") instanceof LoginOutcome.Accepted;
    }

    @Test
    void addsDisablesEnablesAndRePasswordsAUser() {
        MainRunner.Result added = MainRunner.run(env, "first-password\n", "users", "add", "carol");
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).contains("added user carol");
        assertThat(canLogIn("carol", "first-password")).isTrue();

        MainRunner.Result listed = MainRunner.run(env, "", "users", "list");
        assertThat(listed.out()).contains("carol").contains("active");

        assertThat(MainRunner.run(env, "", "users", "disable", "carol").exitCode()).isZero();
        assertThat(canLogIn("carol", "first-password")).isFalse();
        assertThat(MainRunner.run(env, "", "users", "list").out()).contains("disabled");

        assertThat(MainRunner.run(env, "", "users", "enable", "carol").exitCode()).isZero();
        assertThat(canLogIn("carol", "first-password")).isTrue();

        MainRunner.Result changed = MainRunner.run(env, "second-password\n", "users", "passwd", "carol");
        assertThat(changed.exitCode()).as(changed.err()).isZero();
        assertThat(canLogIn("carol", "first-password")).isFalse();
        assertThat(canLogIn("carol", "second-password")).isTrue();
    }

    @Test
    void refusesAPasswordOver72BytesCountingUtf8Bytes() {
        // 37 characters but 74 bytes: a character count would let it through.
        MainRunner.Result result = MainRunner.run(env, "ü".repeat(37) + "\n", "users", "add", "dave");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("72 bytes");
        assertThat(MainRunner.run(env, "", "users", "list").out()).doesNotContain("dave");
    }

    @Test
    void neverTakesThePasswordFromTheCommandLine() {
        MainRunner.Result result = MainRunner.run(env, "", "users", "add", "erin", "erin-password");

        assertThat(result.exitCode()).isNotZero();
        assertThat(MainRunner.run(env, "", "users", "list").out()).doesNotContain("erin");
    }

    @Test
    void refusesADuplicateUserAndAnUnknownOne() {
        assertThat(MainRunner.run(env, "frank-password\n", "users", "add", "frank").exitCode()).isZero();

        MainRunner.Result duplicate = MainRunner.run(env, "other-password\n", "users", "add", "frank");
        MainRunner.Result unknown = MainRunner.run(env, "", "users", "disable", "nobody");

        assertThat(duplicate.exitCode()).isEqualTo(1);
        assertThat(duplicate.err()).contains("already exists");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no user 'nobody'");
        assertThat(canLogIn("frank", "frank-password")).isTrue();
    }

    @Test
    void storesOnlyABcryptHashOfAtLeastCost10() {
        MainRunner.Result added = MainRunner.run(env, "grace-password\n", "users", "add", "grace");
        assertThat(added.exitCode()).as(added.err()).isZero();
        database = Postgres.open(databaseUrl, 2);

        String hash = database.jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM users WHERE username = 'grace'")
                .mapTo(String.class).one());

        assertThat(hash).startsWith("$2b$10$").doesNotContain("grace-password");
    }
}
