package io.dbsync.api.cli;

import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.config.MongoEndpoint;
import java.util.HashMap;
import java.util.Map;

/** The environment an operator exports before running a command: the standby, the users/runs database. */
public final class CliEnv {
    private CliEnv() {
    }

    /** postgres://user:pass@host:port/db, the form Heroku hands out — so the parser is on the real path. */
    public static String herokuStyle(DatabaseUrl url) {
        String hostAndDb = url.jdbcUrl().substring("jdbc:postgresql://".length()).replaceFirst("\\?.*$", "");
        return "postgres://" + url.username() + ":" + url.password() + "@" + hostAndDb;
    }

    static Map<String, String> of(MongoEndpoint source, MongoEndpoint target, DatabaseUrl database) {
        Map<String, String> env = new HashMap<>();
        env.put("SOURCE_MONGODB_URI", source.uri());
        env.put("TARGET_MONGODB_URI", target.uri());
        env.put("DATABASE_URL", herokuStyle(database));
        env.put("SYNC_MONGO_TIMEOUT_SECONDS", "5");
        env.put("SYNC_BATCH_DOCUMENTS", "100");
        return env;
    }
}
