package io.dbsync.api.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where users and runs are kept: a PostgreSQL JDBC URL plus credentials, and the schema dbsync's
 * tables live in ({@code null}: the connection's default, normally {@code public}).
 * Accepts Heroku's {@code postgres://user:pass@host:port/db?sslmode=require} and plain JDBC URLs.
 */
public record DatabaseUrl(String jdbcUrl, String username, String password, String schema) {
    private static final java.util.regex.Pattern SCHEMA = java.util.regex.Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public DatabaseUrl(String jdbcUrl, String username, String password) {
        this(jdbcUrl, username, password, null);
    }

    /** The same database with dbsync's tables in {@code newSchema} (null: the connection's default). */
    public DatabaseUrl withSchema(String newSchema) {
        return new DatabaseUrl(jdbcUrl, username, password, newSchema);
    }

    /** A schema name dbsync can use unquoted: lower-case letters, digits and underscores; null stays null. */
    public static String checkSchema(String variable, String value) {
        if (value != null && !SCHEMA.matcher(value).matches()) {
            throw new ConfigException(variable + " must be a plain schema name: lower-case letters, digits and _,"
                    + " starting with a letter or _, at most 63 characters");
        }
        return value;
    }

    public static DatabaseUrl parse(String variable, String value) {
        String trimmed = value.trim();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(trimmed, null, null);
        }
        if (!trimmed.startsWith("postgres://") && !trimmed.startsWith("postgresql://")) {
            throw new ConfigException(variable + " must look like postgres://user:password@host:5432/db or jdbc:postgresql://...");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new ConfigException(variable + " is not a valid URL");
        }
        String path = uri.getRawPath();
        if (uri.getHost() == null || path == null || path.length() < 2) {
            throw new ConfigException(variable + " must name a host and a database, like postgres://user:password@host:5432/db");
        }
        String username = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String jdbcUrl = "jdbc:postgresql://" + uri.getHost() + ":" + port + path + query;
        return new DatabaseUrl(jdbcUrl, username, password);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    /** The JDBC URL without any password it carries, safe to log. */
    public String redacted() {
        return Redactor.redact(jdbcUrl) + (username == null ? "" : " as " + username)
                + (schema == null ? "" : " (schema " + schema + ")");
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + redacted() + "]";
    }
}
