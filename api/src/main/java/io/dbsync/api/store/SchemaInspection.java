package io.dbsync.api.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the schema dbsync is about to use already holds, read before any migration runs: nothing,
 * dbsync's own tables, the seed's {@code users} table (the Flask app dbsync replaces), or something
 * else — which dbsync must not touch.
 */
record SchemaInspection(String schema, State state, List<String> tables) {
    static final String HISTORY_TABLE = "flyway_schema_history";
    static final String ADOPTED_TABLE = "dbsync_adopted_seed_users";

    enum State {
        EMPTY,
        /** dbsync has migrated this schema before. */
        DBSYNC,
        /** Only the seed's users table: adopt it. */
        SEED_USERS,
        /** The seed's table was set aside by an earlier start that stopped before migrating: go on. */
        ADOPTION_STARTED,
        /** Tables dbsync does not know. */
        FOREIGN
    }

    /** The seed's users table: these columns, nothing more. */
    private static final Map<String, List<String>> SEED_COLUMNS = Map.of(
            "id", List.of("integer", "bigint", "smallint"),
            "username", List.of("character varying", "text", "character"),
            "pssword", List.of("character varying", "text", "character"),
            "userstatus", List.of("character varying", "text", "character"));

    static SchemaInspection inspect(Connection connection, String configuredSchema) throws SQLException {
        String schema = configuredSchema != null ? configuredSchema : currentSchema(connection);
        List<String> tables = tables(connection, schema);
        State state;
        if (tables.contains(HISTORY_TABLE)) {
            state = State.DBSYNC;
        } else if (tables.isEmpty()) {
            state = State.EMPTY;
        } else if (tables.equals(List.of("users")) && hasSeedColumns(connection, schema)) {
            state = State.SEED_USERS;
        } else if (tables.equals(List.of(ADOPTED_TABLE))) {
            state = State.ADOPTION_STARTED;
        } else {
            state = State.FOREIGN;
        }
        return new SchemaInspection(schema, state, tables);
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT current_schema()");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            String schema = rows.getString(1);
            if (schema == null) {
                throw new DatabaseStartupException("the connection's search path names no schema that exists"
                        + " (check currentSchema in the URL, or the user's search_path); set DATABASE_SCHEMA to the"
                        + " schema dbsync should use");
            }
            return schema;
        }
    }

    /** Tables, views and free-standing sequences; a sequence that belongs to a column goes with its table. */
    private static List<String> tables(Connection connection, String schema) throws SQLException {
        String sql = "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')"
                + " AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d"
                + "   WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))"
                + " ORDER BY c.relname";
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    private static boolean hasSeedColumns(Connection connection, String schema) throws SQLException {
        Map<String, String> columns = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT column_name, data_type"
                + " FROM information_schema.columns WHERE table_schema = ? AND table_name = 'users'")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(2));
                }
            }
        }
        return columns.keySet().equals(SEED_COLUMNS.keySet())
                && columns.entrySet().stream().allMatch(c -> SEED_COLUMNS.get(c.getKey()).contains(c.getValue()));
    }

    /** The first few table names, for a message. */
    String someTables() {
        return String.join(", ", tables.subList(0, Math.min(5, tables.size()))) + (tables.size() > 5 ? ", …" : "");
    }
}
