package io.dbsync.api.auth;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Checks a username and password against the users table. Every attempt costs exactly one bcrypt
 * verification — unknown users are checked against a fixed dummy hash of the same cost — so the
 * response time does not tell whether a user exists.
 */
public final class Authenticator {
    private final Jdbi jdbi;
    private final PasswordHasher hasher;
    private final String dummyHash;

    public Authenticator(Jdbi jdbi, PasswordHasher hasher) {
        this.jdbi = jdbi;
        this.hasher = hasher;
        this.dummyHash = hasher.hash("dbsync-dummy-password-for-timing");
    }

    /** The active user with these credentials, or empty for any failure. */
    public Optional<User> authenticate(String username, String password) {
        Optional<User> user = jdbi.withExtension(UserDao.class, dao -> dao.findByUsername(username));
        String hash = user.map(User::passwordHash).orElse(dummyHash);
        boolean matches = hasher.matches(password, hash);
        return user.filter(u -> matches && u.isActive());
    }
}
