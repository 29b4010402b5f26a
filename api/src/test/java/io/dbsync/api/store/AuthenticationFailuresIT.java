package io.dbsync.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Start-up against a server that refuses the password, or refuses unencrypted connections — the
 * real server's own refusals: two roles of this test get lines of their own at the top of the test
 * server's {@code pg_hba.conf} (a password check for one, a refusal without SSL for the other),
 * every other role keeps the server's usual rules.
 */
class AuthenticationFailuresIT {
    private static final String PASSWORD_ROLE = "pw_checked_" + ProcessHandle.current().pid();
    private static final String SSL_ROLE = "ssl_only_" + ProcessHandle.current().pid();
    private static DatabaseUrl database;

    @BeforeAll
    static void giveTheTestRolesTheirOwnRules() throws SQLException {
        database = TestPostgres.freshDatabase();
        Assumptions.assumeTrue(System.getenv("DBSYNC_TEST_DATABASE_URL") == null,
                "edits pg_hba.conf: only on the embedded PostgreSQL");
        try (Connection admin = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             Statement statement = admin.createStatement()) {
            for (String role : new String[] {PASSWORD_ROLE, SSL_ROLE}) {
                statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role
                        + "') THEN CREATE ROLE " + role + " LOGIN PASSWORD 'the-right-one'; END IF; END $$");
            }
            String file = single(statement, "SHOW hba_file");
            String rules = single(statement, "SELECT pg_read_file('" + file + "')");
            if (!rules.contains(PASSWORD_ROLE)) {
                String ours = "host all " + PASSWORD_ROLE + " all scram-sha-256\n"
                        + "hostnossl all " + SSL_ROLE + " all reject\n";
                // CSV with a delimiter and quote no line contains: every line is written back as it was
                // (empty lines are left out: CSV would write them as a quoted empty string).
                statement.execute("COPY (SELECT line FROM unnest(string_to_array(" + literal(ours + rules)
                        + ", E'\\n')) AS line WHERE line <> '') TO " + literal(file)
                        + " WITH (FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02')");
                statement.execute("SELECT pg_reload_conf()");
            }
        }
    }

    private static String single(Statement statement, String query) throws SQLException {
        try (ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getString(1);
        }
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String urlFor(String role) {
        return database.jdbcUrl().replaceFirst("\\?.*$", "");
    }

    /** The start-up refusal, once the server has read its new rules (a reload is asynchronous). */
    private static String refusal(DatabaseUrl url, String expected) {
        String message = "";
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!message.contains(expected) && System.nanoTime() < deadline) {
            Throwable thrown = catchThrowable(() -> Postgres.open(url, 2).close());
            assertThat(thrown).isInstanceOf(DatabaseStartupException.class);
            message = thrown.getMessage();
        }
        System.out.println("case=startup-error message=\"" + message + "\"");
        assertThat(message).startsWith("DATABASE_URL (").doesNotContain("\n").doesNotContain("wrong-one")
                .doesNotMatch("(?is).*(flyway|baseline|migrat).*");
        return message;
    }

    @Test
    void aWrongPasswordIsNamedWithTheFix() {
        DatabaseUrl wrong = new DatabaseUrl(urlFor(PASSWORD_ROLE), PASSWORD_ROLE, "wrong-one");

        assertThat(refusal(wrong, "refused the password")).contains("put the right password in DATABASE_URL");
    }

    @Test
    void aServerThatWantsSslIsNamedWithTheFix() {
        DatabaseUrl plain = new DatabaseUrl(urlFor(SSL_ROLE) + "?sslmode=disable", SSL_ROLE, "the-right-one");

        assertThat(refusal(plain, "only encrypted connections")).contains("sslmode=require");
    }
}
