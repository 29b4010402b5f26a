package io.dbsync.api.store;

import io.dbsync.api.config.ConfigException;

/**
 * The users/runs database cannot be used as configured: one line that names {@code DATABASE_URL}
 * (redacted) and says what to do. A configuration error, so the process exits with code 2.
 */
public final class DatabaseStartupException extends ConfigException {
    public DatabaseStartupException(String message) {
        super(message);
    }
}
