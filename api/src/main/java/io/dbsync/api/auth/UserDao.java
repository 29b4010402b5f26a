package io.dbsync.api.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The users table. */
@RegisterRowMapper(UserDao.UserMapper.class)
public interface UserDao {

    @SqlQuery("SELECT id, username, password_hash, status, created_at FROM users WHERE username = :username")
    Optional<User> findByUsername(@Bind("username") String username);

    @SqlQuery("SELECT id, username, password_hash, status, created_at FROM users ORDER BY username")
    List<User> list();

    /** Inserts a user; returns false when the name is taken. */
    @SqlUpdate("INSERT INTO users (username, password_hash) VALUES (:username, :hash) ON CONFLICT (username) DO NOTHING")
    boolean insert(@Bind("username") String username, @Bind("hash") String passwordHash);

    @SqlUpdate("UPDATE users SET status = :status WHERE username = :username")
    boolean updateStatus(@Bind("username") String username, @Bind("status") String status);

    @SqlUpdate("UPDATE users SET password_hash = :hash WHERE username = :username")
    boolean updatePasswordHash(@Bind("username") String username, @Bind("hash") String passwordHash);

    /** Replaces the hash only if it is still {@code old}: a password set meanwhile from the command line wins. */
    @SqlUpdate("UPDATE users SET password_hash = :hash WHERE username = :username AND password_hash = :old")
    boolean replacePasswordHash(@Bind("username") String username, @Bind("old") String oldHash,
                                @Bind("hash") String newHash);

    /** Maps a row to a {@link User}. */
    class UserMapper implements RowMapper<User> {
        @Override
        public User map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new User(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
                    UserStatus.fromDb(rs.getString("status")),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant());
        }
    }
}
