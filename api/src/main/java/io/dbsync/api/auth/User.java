package io.dbsync.api.auth;

import java.time.Instant;

/** A row of the users table. {@code passwordHash} (bcrypt, or a werkzeug hash adopted from the seed) is never logged or returned. */
public record User(long id, String username, String passwordHash, UserStatus status, Instant createdAt) {

    public boolean isActive() {
        return status == UserStatus.ACTIVE;
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username + ", status=" + status + "]";
    }
}
