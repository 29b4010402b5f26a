package io.dbsync.api.users;

import io.dbsync.api.DbSyncException;
import io.dbsync.api.auth.PasswordHasher;
import io.dbsync.api.auth.User;
import io.dbsync.api.auth.UserDao;
import io.dbsync.api.auth.UserStatus;
import java.util.List;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/** The user-management operations behind the {@code users} commands. */
public final class UserAdmin {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private final Jdbi jdbi;
    private final PasswordHasher hasher;

    public UserAdmin(Jdbi jdbi, PasswordHasher hasher) {
        this.jdbi = jdbi;
        this.hasher = hasher;
    }

    public void add(String username, String password) {
        checkUsername(username);
        String hash = hasher.hash(password);
        if (!jdbi.withExtension(UserDao.class, dao -> dao.insert(username, hash))) {
            throw new DbSyncException("user '" + username + "' already exists");
        }
    }

    public List<User> list() {
        return jdbi.withExtension(UserDao.class, UserDao::list);
    }

    public void setStatus(String username, UserStatus status) {
        if (!jdbi.withExtension(UserDao.class, dao -> dao.updateStatus(username, status.dbValue()))) {
            throw noSuchUser(username);
        }
    }

    public void changePassword(String username, String password) {
        String hash = hasher.hash(password);
        if (!jdbi.withExtension(UserDao.class, dao -> dao.updatePasswordHash(username, hash))) {
            throw noSuchUser(username);
        }
    }

    /** Rejects names that could not be typed in a Basic-auth header (the colon) or that are odd. */
    static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new DbSyncException("a username is 1 to 64 of the characters A-Z a-z 0-9 . _ @ -");
        }
    }

    private static DbSyncException noSuchUser(String username) {
        return new DbSyncException("no user '" + username + "'");
    }
}
