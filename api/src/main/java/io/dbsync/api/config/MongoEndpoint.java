package io.dbsync.api.config;

import com.mongodb.ConnectionString;

/**
 * One MongoDB database: the connection string and the database name inside it.
 *
 * @param uri      the full connection string (holds the password; never print it — use {@link #redacted()})
 * @param database the database to read or write
 */
public record MongoEndpoint(String uri, String database) {

    /**
     * Parses a connection string; the database comes from {@code databaseOverride} when set,
     * else from the URI path.
     *
     * @param variable the environment variable the URI came from, named in error messages
     */
    public static MongoEndpoint parse(String variable, String uri, String databaseOverride, String overrideVariable) {
        ConnectionString parsed;
        try {
            parsed = new ConnectionString(uri);
        } catch (RuntimeException e) {
            // The driver's message may quote the URI, so it is not passed on.
            throw new ConfigException(variable + " is not a valid MongoDB connection string");
        }
        String database = databaseOverride != null && !databaseOverride.isBlank()
                ? databaseOverride.trim()
                : parsed.getDatabase();
        if (database == null || database.isBlank()) {
            throw new ConfigException(variable + " names no database: add it to the URI path (mongodb://host/mydb) or set "
                    + overrideVariable);
        }
        if (database.equals("admin") || database.equals("local") || database.equals("config")) {
            throw new ConfigException(variable + " names the system database '" + database + "'; use an application database");
        }
        return new MongoEndpoint(uri, database);
    }

    /**
     * What the endpoint points at, independent of spelling: hosts lowercased with the default port,
     * sorted, and the database. Options, credentials and order of hosts do not change it.
     */
    public String identity() {
        ConnectionString parsed = new ConnectionString(uri);
        java.util.List<String> hosts = parsed.getHosts().stream()
                .map(host -> host.toLowerCase(java.util.Locale.ROOT))
                .map(host -> parsed.isSrvProtocol() || host.matches(".*:\\d+$") ? host : host + ":27017")
                .sorted().toList();
        return (parsed.isSrvProtocol() ? "srv:" : "") + String.join(",", hosts) + "/" + database;
    }

    /** The connection string with its password replaced, safe to log. */
    public String redacted() {
        return Redactor.redact(uri);
    }

    @Override
    public String toString() {
        return "MongoEndpoint[" + redacted() + ", database=" + database + "]";
    }
}
