package io.dbsync.api.config;

import io.dbsync.api.DbSyncException;

/** A missing or malformed setting; the message names the variable and never echoes a secret. */
public class ConfigException extends DbSyncException {
    public ConfigException(String message) {
        super(message);
    }
}
