-- The seed's users, when dbsync was pointed at the seed's database (the Flask app dbsync replaces).
-- Start-up renamed the seed's table to dbsync_adopted_seed_users before the first migration (see
-- SeedAdoption); here every row becomes a dbsync user, id included. Its werkzeug password hash is
-- kept as it is and replaced by bcrypt at the user's first successful login. Any userstatus other
-- than 'active' becomes 'disabled'. The seed's table stays as it was: the way back. On any other
-- database this migration does nothing.
DO $$
BEGIN
    IF to_regclass('dbsync_adopted_seed_users') IS NOT NULL THEN
        INSERT INTO users (id, username, password_hash, status)
        SELECT id, username, coalesce(pssword, ''),
               CASE WHEN userstatus = 'active' THEN 'active' ELSE 'disabled' END
        FROM dbsync_adopted_seed_users
        ORDER BY id;
        PERFORM setval(pg_get_serial_sequence('users', 'id'), greatest((SELECT max(id) FROM users), 1));
    END IF;
END
$$;
