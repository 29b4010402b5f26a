package io.dbsync.api.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of taking over the seed's users: the seed's table, its indexes and its id sequence
 * are renamed out of the way (one transaction), so that dbsync's own migrations can create their
 * tables beside it; the migration {@code V6__adopt_seed_users.sql} then copies every row across, ids
 * included, and leaves the renamed table as it was — the way back.
 *
 * <p>Rows that could not become dbsync users (no username, one over 64 characters, a name used
 * twice) stop this before anything is changed, with the count and what to fix.
 */
final class SeedAdoption {
    private static final Logger LOG = LoggerFactory.getLogger(SeedAdoption.class);

    private SeedAdoption() {
    }

    static void setAside(Connection connection, String schema) throws SQLException {
        String users = quote(schema) + ".users";
        long rows;
        long unusable;
        try (PreparedStatement check = connection.prepareStatement("SELECT count(*),"
                + " count(*) FILTER (WHERE username IS NULL OR length(username) NOT BETWEEN 1 AND 64"
                + "   OR username IN (SELECT username FROM " + users + " GROUP BY username HAVING count(*) > 1))"
                + " FROM " + users);
             ResultSet result = check.executeQuery()) {
            result.next();
            rows = result.getLong(1);
            unusable = result.getLong(2);
        }
        if (unusable > 0) {
            throw new DatabaseStartupException("it holds the seed's users table, and " + unusable + " of its " + rows
                    + " rows cannot become dbsync users (a username that is empty, longer than 64 characters or used"
                    + " twice); fix those rows in the seed's table, then start dbsync again (nothing was changed)");
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String index : indexesOf(connection, schema)) {
                statement.execute("ALTER INDEX " + quote(schema) + "." + quote(index) + " RENAME TO "
                        + quote(truncate("dbsync_adopted_" + index)));
            }
            String sequence = ownedSequence(connection, users);
            if (sequence != null) {
                statement.execute("ALTER SEQUENCE " + sequence + " RENAME TO "
                        + quote(SchemaInspection.ADOPTED_TABLE + "_id_seq"));
            }
            statement.execute("ALTER TABLE " + users + " RENAME TO " + quote(SchemaInspection.ADOPTED_TABLE));
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        LOG.info("event=db.seed_users_adopting schema={} rows={} keptAs={}", schema, rows, SchemaInspection.ADOPTED_TABLE);
    }

    private static List<String> indexesOf(Connection connection, String schema) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT i.relname FROM pg_index x"
                + " JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
                + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = ? AND t.relname = 'users'")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    /** The sequence behind {@code users.id} (SERIAL), already quoted and qualified; null when there is none. */
    private static String ownedSequence(Connection connection, String users) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_get_serial_sequence(?, 'id')")) {
            statement.setString(1, users);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String truncate(String identifier) {
        return identifier.length() <= 63 ? identifier : identifier.substring(0, 63);
    }
}
