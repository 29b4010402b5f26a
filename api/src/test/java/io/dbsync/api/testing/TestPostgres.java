package io.dbsync.api.testing;

import io.dbsync.api.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for tests: the server named by {@code DBSYNC_TEST_DATABASE_URL}, else an
 * embedded one started once per test JVM. Each caller gets a fresh, empty database on it.
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static DatabaseUrl admin;

    private TestPostgres() {
    }

    /** A new empty database; migrations are applied by whoever opens it. */
    public static synchronized DatabaseUrl freshDatabase() {
        DatabaseUrl server = adminUrl();
        String name = "dbsync_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database: " + e.getMessage(), e);
        }
        String jdbcUrl = server.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        return new DatabaseUrl(jdbcUrl, server.username(), server.password());
    }

    private static DatabaseUrl adminUrl() {
        if (admin != null) {
            return admin;
        }
        String external = System.getenv("DBSYNC_TEST_DATABASE_URL");
        if (external != null && !external.isBlank()) {
            admin = DatabaseUrl.parse("DBSYNC_TEST_DATABASE_URL", external);
            return admin;
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the server's directory is temporary
                }
            }));
            admin = new DatabaseUrl(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
            return admin;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }
}
