package io.dbsync.api.store;

import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.config.Redactor;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.flywaydb.core.api.FlywayException;

/**
 * Turns whatever PostgreSQL, the driver, the pool or Flyway threw at start-up into one line in
 * dbsync's words: what is wrong with the database {@code DATABASE_URL} names (redacted), and what
 * to do about it. The line never carries Flyway's vocabulary or a password.
 */
final class StartupFailures {
    private StartupFailures() {
    }

    static DatabaseStartupException explain(Throwable failure, DatabaseUrl url, String schema) {
        return new DatabaseStartupException(prefix(url) + problem(failure, url, schema));
    }

    /** {@code DATABASE_URL (jdbc:postgresql://host:5432/db as user): } */
    static String prefix(DatabaseUrl url) {
        return "DATABASE_URL (" + url.redacted() + "): ";
    }

    private static String problem(Throwable failure, DatabaseUrl url, String schema) {
        String user = url.username() != null ? "'" + url.username() + "'" : "the user in the URL";
        String where = schema != null ? "schema '" + schema + "'" : "its schema";
        SQLException sql = find(failure, SQLException.class);
        String state = sql == null ? "" : String.valueOf(sql.getSQLState());
        String text = messages(failure).toLowerCase(Locale.ROOT);
        if (state.equals("28P01") || text.contains("password authentication failed")) {
            return "the server refused the password for " + user + "; put the right password in DATABASE_URL";
        }
        if (text.contains("no encryption") || text.contains("ssl off") || text.contains("ssl required")
                || text.contains("ssl connection is required")) {
            return "the server accepts only encrypted connections; add sslmode=require to DATABASE_URL (…/db?sslmode=require)";
        }
        if (text.contains("server does not support ssl")) {
            return "the server does not offer SSL; remove sslmode=require from DATABASE_URL (or set sslmode=disable)";
        }
        if (find(failure, SSLException.class) != null) {
            return "the SSL connection failed (" + rootMessage(failure) + "); with sslmode=verify-ca or verify-full the"
                    + " server's certificate must verify — use sslmode=require to encrypt without verifying";
        }
        if (state.equals("28000")) {
            return "the server does not let " + user + " connect from here (" + rootMessage(failure) + "); check the"
                    + " user name in DATABASE_URL and the server's allowed addresses";
        }
        if (state.equals("3D000")) {
            return "the database in DATABASE_URL does not exist; create it, or correct the name after the last '/'";
        }
        if (state.equals("42501") || text.contains("permission denied")) {
            return user + " may not create dbsync's tables in " + where + " (permission denied); grant it CREATE on"
                    + " that schema, or set DATABASE_SCHEMA to a schema it owns";
        }
        if (state.equals("3F000") || text.contains("schema") && text.contains("does not exist")) {
            return where + " does not exist and could not be created; create it, or set DATABASE_SCHEMA to one"
                    + " that exists";
        }
        if (state.equals("53300") || text.contains("too many connections") || text.contains("remaining connection slots")) {
            return "the server has no free connection slots; close other clients or raise the plan's connection limit";
        }
        if (state.startsWith("08") || find(failure, ConnectException.class) != null
                || find(failure, UnknownHostException.class) != null || find(failure, NoRouteToHostException.class) != null
                || find(failure, SocketTimeoutException.class) != null || text.contains("connection is not available")) {
            return "cannot reach the PostgreSQL server (" + rootMessage(failure) + "); check the host and port in"
                    + " DATABASE_URL, that the server is running, and that it accepts connections from this machine";
        }
        if (failure instanceof FlywayException && text.contains("validate")) {
            return "the history of dbsync's tables in " + where + " does not match this version of dbsync (a newer"
                    + " dbsync, or another application, wrote it); use this dbsync's own schema or database"
                    + " (DATABASE_SCHEMA), or run the version that made it";
        }
        if (failure instanceof FlywayException && text.contains("non-empty schema")) {
            return where + " holds objects dbsync does not know; give dbsync an empty schema (DATABASE_SCHEMA) or its"
                    + " own database";
        }
        return "could not prepare dbsync's tables (" + rootMessage(failure) + ")";
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause instanceof SQLException sql && sql.getNextException() != null && type.isInstance(sql.getNextException())) {
                return type.cast(sql.getNextException());
            }
        }
        return null;
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }

    /** The innermost message, one line, redacted. */
    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return Redactor.redact(message.lines().findFirst().orElse("").trim());
    }
}
