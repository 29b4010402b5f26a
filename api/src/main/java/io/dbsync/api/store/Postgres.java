package io.dbsync.api.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbsync.api.config.DatabaseUrl;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
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

    /**
     * Connects, checks what the schema holds, applies pending migrations, and returns the ready
     * database. A schema that holds only the seed's users table is adopted (see {@link SeedAdoption});
     * one that holds anything else dbsync does not know is left untouched. Every failure is a
     * {@link DatabaseStartupException}: one line naming {@code DATABASE_URL} and the fix.
     */
    public static Postgres open(DatabaseUrl url, int maxPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.username());
        config.setPassword(url.password());
        // Flyway holds one connection for its lock and works on another: fewer than two deadlocks.
        config.setMaximumPoolSize(Math.max(2, maxPoolSize));
        config.setPoolName("dbsync");
        if (url.schema() != null) {
            config.setSchema(url.schema());
        }
        config.setConnectionTimeout(10_000);
        // Fail at first use, not at start-up: a database that is down makes requests fail with a clear
        // error, and the process comes back by itself when it returns.
        config.setInitializationFailTimeout(-1);
        HikariDataSource dataSource = new HikariDataSource(config);
        // The schema in use, once known, so that a later failure can name it.
        String[] schema = {url.schema()};
        try {
            migrate(dataSource, schema);
        } catch (DatabaseStartupException e) {
            dataSource.close();
            throw new DatabaseStartupException(StartupFailures.prefix(url) + e.getMessage());
        } catch (SQLException | RuntimeException e) {
            dataSource.close();
            throw StartupFailures.explain(e, url, schema[0]);
        }
        return new Postgres(dataSource);
    }

    private static void migrate(HikariDataSource dataSource, String[] schemaInUse) throws SQLException {
        String schema = schemaInUse[0];
        SchemaInspection inspection;
        try (Connection connection = dataSource.getConnection()) {
            inspection = SchemaInspection.inspect(connection, schema);
            schemaInUse[0] = inspection.schema();
            if (inspection.state() == SchemaInspection.State.FOREIGN) {
                throw new DatabaseStartupException("schema '" + inspection.schema() + "' already holds tables dbsync"
                        + " does not know (" + inspection.someTables() + "), so dbsync left it untouched; give dbsync"
                        + " its own schema (set DATABASE_SCHEMA, e.g. DATABASE_SCHEMA=dbsync) or its own database");
            }
            if (inspection.state() == SchemaInspection.State.SEED_USERS) {
                SeedAdoption.setAside(connection, inspection.schema());
            }
        }
        FluentConfiguration flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        if (schema != null) {
            flyway.schemas(schema);
        }
        if (inspection.state() == SchemaInspection.State.SEED_USERS
                || inspection.state() == SchemaInspection.State.ADOPTION_STARTED) {
            // The set-aside seed table is the schema's only content: start dbsync's history before V1.
            flyway.baselineOnMigrate(true).baselineVersion("0").baselineDescription("seed users adopted");
        }
        flyway.load().migrate();
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
