package io.dbsync.api.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where users and runs are kept: a PostgreSQL JDBC URL plus credentials.
 * Accepts Heroku's {@code postgres://user:pass@host:port/db?sslmode=require} and plain JDBC URLs.
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

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
        return Redactor.redact(jdbcUrl) + (username == null ? "" : " as " + username);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + redacted() + "]";
    }
}
