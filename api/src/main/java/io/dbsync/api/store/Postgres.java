package io.dbsync.api.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbsync.api.DbSyncException;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.config.Redactor;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** An open, migrated PostgreSQL database: the pool and the Jdbi on top of it. */
public final class Postgres implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Postgres(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
        // Jdbi's default exception message renders bound arguments — a new password's bcrypt hash among them.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
    }

    /** Connects, applies pending Flyway migrations, and returns the ready database. */
    public static Postgres open(DatabaseUrl url, int maxPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.username());
        config.setPassword(url.password());
        // Flyway holds one connection for its lock and works on another: fewer than two deadlocks.
        config.setMaximumPoolSize(Math.max(2, maxPoolSize));
        config.setPoolName("dbsync");
        config.setConnectionTimeout(10_000);
        // Fail at first use, not at start-up: a database that is down makes requests fail with a clear
        // error, and the process comes back by itself when it returns.
        config.setInitializationFailTimeout(-1);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new DbSyncException("could not open the PostgreSQL database at " + url.redacted()
                    + ": " + rootCause(e));
        }
        return new Postgres(dataSource);
    }

    private static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + Redactor.redact(String.valueOf(root.getMessage()));
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** True when a connection can be had and answers a trivial query. */
    public boolean isReachable() {
        try {
            return jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
