package io.dbsync.api.auth;

import io.dbsync.api.DbSyncException;

/** A password that may not be set (too short, over bcrypt's 72-byte limit). */
public class InvalidPasswordException extends DbSyncException {
    public InvalidPasswordException(String message) {
        super(message);
    }
}
