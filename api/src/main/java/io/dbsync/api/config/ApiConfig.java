package io.dbsync.api.config;

import java.time.Duration;
import java.util.Map;

/**
 * Everything the API process needs, read once from the environment in {@code Main}.
 *
 * @param bcryptCost work factor for new password hashes (and the dummy hash for unknown users)
 * @param auth                     how logins are checked, cached and limited
 * @param syncWait                 how long {@code /syncdb} waits for the run before answering 202
 * @param syncWithinRequest        {@code SYNC_WITHIN_REQUEST}: the host stops work once a request is answered (AWS
 *                                 Lambda), so a run still going when the wait is over is stopped, never answered 202
 * @param snapshots                where and when runs write restore points ({@code SNAPSHOT_*})
 */
public record ApiConfig(
        MongoEndpoint source,
        MongoEndpoint target,
        DatabaseUrl database,
        int port,
        int bcryptCost,
        SyncSettings sync,
        SyncPolicy policy,
        AuthSettings auth,
        Duration syncWait,
        SnapshotConfig snapshots,
        boolean syncWithinRequest) {

    public static final int MIN_BCRYPT_COST = 10;
    /** Under the 30 s router limit of common hosts. */
    public static final Duration DEFAULT_SYNC_WAIT = Duration.ofSeconds(25);

    /** Without restore points. */
    public ApiConfig(MongoEndpoint source, MongoEndpoint target, DatabaseUrl database, int port, int bcryptCost,
                     SyncSettings sync, SyncPolicy policy, AuthSettings auth, Duration syncWait) {
        this(source, target, database, port, bcryptCost, sync, policy, auth, syncWait, SnapshotConfig.off());
    }

    /** A host that keeps working after the response (every host but Lambda). */
    public ApiConfig(MongoEndpoint source, MongoEndpoint target, DatabaseUrl database, int port, int bcryptCost,
                     SyncSettings sync, SyncPolicy policy, AuthSettings auth, Duration syncWait, SnapshotConfig snapshots) {
        this(source, target, database, port, bcryptCost, sync, policy, auth, syncWait, snapshots, false);
    }

    public ApiConfig {
        if (source.identity().equals(target.identity())) {
            throw new ConfigException("SOURCE_MONGODB_URI and TARGET_MONGODB_URI name the same database '"
                    + source.database() + "'; the standby must be a different database");
        }
        policy.limits().checkDatabaseName(target.database());
    }

    /** Reads the API's configuration; a missing or malformed value throws naming the variable. */
    public static ApiConfig fromEnv(Map<String, String> env) {
        EnvReader reader = new EnvReader(env);
        MongoEndpoint source = MongoEndpoint.parse("SOURCE_MONGODB_URI",
                reader.required("SOURCE_MONGODB_URI", "MONGODB"), reader.optional("SOURCE_DB"), "SOURCE_DB");
        MongoEndpoint target = MongoEndpoint.parse("TARGET_MONGODB_URI",
                reader.required("TARGET_MONGODB_URI", "TARGETDB"), reader.optional("TARGET_DB"), "TARGET_DB");
        DatabaseUrl database = databaseFromEnv(env);
        int port = reader.integer("PORT", 7070, 0, 65535);
        int bcryptCost = reader.integer("BCRYPT_COST", 12, MIN_BCRYPT_COST, 31);
        SyncSettings sync = syncSettings(reader);
        SyncPolicy policy = policy(reader);
        AuthSettings auth = AuthSettings.fromEnv(reader);
        Duration syncWait = Duration.ofSeconds(reader.integer("SYNC_WAIT_SECONDS", (int) DEFAULT_SYNC_WAIT.toSeconds(), 0, 3600));
        return new ApiConfig(source, target, database, port, bcryptCost, sync, policy, auth, syncWait,
                SnapshotConfig.fromEnv(env), reader.bool("SYNC_WITHIN_REQUEST", false));
    }

    /** The database settings alone, for the user-management commands that need no MongoDB. */
    public static DatabaseUrl databaseFromEnv(Map<String, String> env) {
        EnvReader reader = new EnvReader(env);
        return DatabaseUrl.parse("DATABASE_URL", reader.required("DATABASE_URL"))
                .withSchema(DatabaseUrl.checkSchema("DATABASE_SCHEMA", reader.optional("DATABASE_SCHEMA")));
    }

    /** The engine's settings alone, for the commands that copy between databases named elsewhere. */
    public static SyncSettings syncSettingsFromEnv(Map<String, String> env) {
        return syncSettings(new EnvReader(env));
    }

    private static SyncSettings syncSettings(EnvReader reader) {
        SyncSettings defaults = SyncSettings.defaults();
        return new SyncSettings(
                reader.integer("SYNC_BATCH_DOCUMENTS", defaults.batchDocuments(), 1, 100_000),
                reader.integer("SYNC_BATCH_BYTES", defaults.batchBytes(), 1024, SyncSettings.MAX_BATCH_BYTES),
                reader.integer("SYNC_PARALLEL_COLLECTIONS", defaults.parallelCollections(), 1, 64),
                reader.integer("SYNC_WRITERS_PER_COLLECTION", defaults.writersPerCollection(), 1, 64),
                reader.integer("SYNC_MAX_CURSOR_RESUMES", defaults.maxCursorResumes(), 0, 1000),
                Duration.ofSeconds(reader.integer("SYNC_MONGO_TIMEOUT_SECONDS",
                        (int) defaults.mongoTimeout().toSeconds(), 1, 3600)),
                Duration.ofSeconds(reader.integer("SYNC_MONGO_READ_TIMEOUT_SECONDS",
                        (int) defaults.mongoReadTimeout().toSeconds(), 1, 86_400)),
                reader.optional("SYNC_VERIFY") == null ? defaults.verify()
                        : VerifyMode.parse("SYNC_VERIFY", reader.optional("SYNC_VERIFY")));
    }

    /** The run policy alone, for the commands that only report (status). */
    public static SyncPolicy policyFromEnv(Map<String, String> env) {
        return policy(new EnvReader(env));
    }

    private static SyncPolicy policy(EnvReader reader) {
        return new SyncPolicy(reader.list("SYNC_INCLUDE"), reader.list("SYNC_EXCLUDE"),
                reader.bool("SYNC_DROP_MISSING", false),
                reader.integer("SYNC_MAX_SHRINK_PERCENT", 50, 0, 100),
                Duration.ofMinutes(reader.integer("SYNC_MAX_STALENESS_MINUTES", 1440, 1, 525_600)),
                reader.optional("SYNC_MODE") == null ? SyncMode.FULL : SyncMode.parse("SYNC_MODE", reader.optional("SYNC_MODE")),
                StandbyLimits.fromEnv(reader));
    }

    /** The standby alone, for the commands that only look up its state (pause, resume, status). */
    public static MongoEndpoint targetFromEnv(Map<String, String> env) {
        EnvReader reader = new EnvReader(env);
        return MongoEndpoint.parse("TARGET_MONGODB_URI", reader.required("TARGET_MONGODB_URI", "TARGETDB"),
                reader.optional("TARGET_DB"), "TARGET_DB");
    }

    /** The bcrypt cost alone, for the user-management commands. */
    public static int bcryptCostFromEnv(Map<String, String> env) {
        return new EnvReader(env).integer("BCRYPT_COST", 12, MIN_BCRYPT_COST, 31);
    }

    @Override
    public String toString() {
        return "ApiConfig[source=" + source + ", target=" + target + ", database=" + database
                + ", port=" + port + ", bcryptCost=" + bcryptCost + ", sync=" + sync + ", policy=" + policy
                + ", auth=" + auth + ", syncWait=" + syncWait + ", snapshots=" + snapshots
                + ", syncWithinRequest=" + syncWithinRequest + "]";
    }
}
