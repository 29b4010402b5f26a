package io.dbsync.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbsync.api.MainRunner;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.testing.TestPostgres;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Start-up against a database dbsync cannot or must not use: one line in dbsync's words that names
 * DATABASE_URL (without its password) and the fix; nothing of another application's touched.
 */
class DatabaseStartupIT {
    private static final String FLYWAY_WORDS = "(?is).*(flyway|baseline|migrat|schema history|validate).*";

    private static void sql(DatabaseUrl database, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             Statement statement = connection.createStatement()) {
            for (String each : statements) {
                statement.execute(each);
            }
        }
    }

    private static long count(DatabaseUrl database, String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static String refusal(DatabaseUrl database) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> Postgres.open(database, 2).close());
        assertThat(thrown).isInstanceOf(DatabaseStartupException.class);
        String message = thrown.getMessage();
        assertThat(message).startsWith("DATABASE_URL (").doesNotContain("\n").doesNotMatch(FLYWAY_WORDS);
        if (database.password() != null && !database.password().isEmpty()) {
            assertThat(message).doesNotContain(":" + database.password() + "@");
        }
        System.out.println("case=startup-error message=\"" + message + "\"");
        return message;
    }

    @Test
    void anUnrelatedUsersTableIsLeftUntouched() throws Exception {
        DatabaseUrl database = TestPostgres.freshDatabase();
        sql(database, "CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL)",
                "INSERT INTO users (email) VALUES ('a@example.com')");

        assertThat(refusal(database)).contains("tables dbsync does not know (users)").contains("DATABASE_SCHEMA");
        assertThat(count(database, "SELECT count(*) FROM users WHERE email = 'a@example.com'")).isEqualTo(1);
        assertThat(count(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo(1);
    }

    @Test
    void theSeedsTableBesideOtherTablesIsLeftUntouchedToo() throws Exception {
        DatabaseUrl database = TestPostgres.freshDatabase();
        sql(database, "CREATE TABLE users (id SERIAL, username varchar, pssword varchar, userstatus varchar)",
                "CREATE TABLE orders (id serial, total numeric)");

        assertThat(refusal(database)).contains("orders, users");
        assertThat(count(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo(2);
    }

    @Test
    void aSeparateSchemaLetsDbsyncLiveBesideAnotherApplication() throws Exception {
        DatabaseUrl database = TestPostgres.freshDatabase();
        sql(database, "CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL)");

        try (Postgres opened = Postgres.open(database.withSchema("dbsync"), 2)) {
            assertThat(opened.isReachable()).isTrue();
        }
        assertThat(count(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'dbsync' AND tablename = 'runs'"))
                .isEqualTo(1);
        assertThat(count(database, "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public'"
                + " AND table_name = 'users'")).as("the other application's users table is as it was").isEqualTo(2);
    }

    @Test
    void seedRowsThatCannotBecomeUsersStopStartUpBeforeAnythingChanges() throws Exception {
        DatabaseUrl database = TestPostgres.freshDatabase();
        sql(database, "CREATE TABLE users (id SERIAL, username varchar, pssword varchar, userstatus varchar)",
                "INSERT INTO users (username, pssword, userstatus) VALUES ('ann', 'x', 'active'), ('ann', 'y', 'active')");

        assertThat(refusal(database)).contains("2 of its 2 rows").contains("nothing was changed");
        assertThat(count(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo(1);
        assertThat(count(database, "SELECT count(*) FROM users")).isEqualTo(2);
    }

    @Test
    void anUnreachableServerIsNamedWithTheFix() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseUrl database = new DatabaseUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/dbsync?connectTimeout=2",
                "dbsync", "s3cret-pw");

        assertThat(refusal(database)).contains("cannot reach the PostgreSQL server").contains("host and port")
                .doesNotContain("s3cret-pw");
    }

    @Test
    void aMissingDatabaseIsNamedWithTheFix() {
        DatabaseUrl existing = TestPostgres.freshDatabase();
        DatabaseUrl missing = new DatabaseUrl(existing.jdbcUrl().replaceFirst("/dbsync_test_[^?]+", "/no_such_db"),
                existing.username(), existing.password());

        assertThat(refusal(missing)).contains("does not exist").contains("create it");
    }

    @Test
    void aUserWithoutCreateRightsIsToldWhatToGrant() throws Exception {
        DatabaseUrl database = TestPostgres.freshDatabase();
        String role = "limited_" + ProcessHandle.current().pid();
        sql(database, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN"
                + " CREATE ROLE " + role + " LOGIN PASSWORD 'limited-pw'; END IF; END $$",
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        DatabaseUrl limited = new DatabaseUrl(database.jdbcUrl().replaceFirst("\\?.*$", ""), role, "limited-pw");

        assertThat(refusal(limited)).contains("may not create dbsync's tables").contains("GRANT".toLowerCase())
                .contains("DATABASE_SCHEMA");
    }

    @Test
    void aSearchPathWithNoSchemaIsNamedWithTheFix() {
        DatabaseUrl database = TestPostgres.freshDatabase();
        String jdbc = database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=nowhere";

        assertThat(refusal(new DatabaseUrl(jdbc, database.username(), database.password())))
                .contains("names no schema that exists").contains("DATABASE_SCHEMA");
    }

    @Test
    void theCommandLineExitsWithCode2AndOneLine() {
        DatabaseUrl existing = TestPostgres.freshDatabase();
        String url = "postgres://" + existing.username() + ":" + existing.password() + "@"
                + existing.jdbcUrl().substring("jdbc:postgresql://".length()).replaceFirst("/dbsync_test_[^?]+.*$", "/no_such_db");

        MainRunner.Result result = MainRunner.run(Map.of("DATABASE_URL", url), "", "users", "list");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).startsWith("dbsync: DATABASE_URL (").contains("does not exist")
                .doesNotContain("\n");
    }
}
