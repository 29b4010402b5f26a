package io.dbsync.bench;

import io.dbsync.api.config.SyncSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines of the measuring JVMs: which database on which server, directly or through the
 * relays ({@code delayed}), with the engine's default batch sizes. The databases are named as
 * {@link BenchMain} loads them: {@code <db>} on the source, {@code <db>_standby} on the target.
 */
final class ChildArgs {
    static final String WARMUP_DB = BenchMain.WARMUP_DB;

    private final BenchOptions options;
    private final String jdbc;
    private final SyncSettings defaults = SyncSettings.defaults();

    ChildArgs(BenchOptions options, String jdbc) {
        this.options = options;
        this.jdbc = jdbc;
    }

    /** The harness's PostgreSQL, for the runs' and the restores' locks and records. */
    String jdbc() {
        return jdbc;
    }

    List<String> scan(ServerProcess source, String db) {
        return List.of("--mode", "scan", "--source-uri", source.uri(db), "--source-db", db, "--warmup-db", WARMUP_DB,
                "--batch-docs", Integer.toString(defaults.batchDocuments()), "--repeat", Integer.toString(options.repeat()));
    }

    List<String> insertLimit(ServerProcess source, ServerProcess target, String db) {
        return List.of("--mode", "insert-limit", "--source-uri", source.uri(db), "--source-db", db,
                "--warmup-db", WARMUP_DB, "--target-uri", target.uri("bench_limit"), "--target-db", "bench_limit",
                "--batch-docs", Integer.toString(defaults.batchDocuments()),
                "--batch-bytes", Integer.toString(defaults.batchBytes()),
                "--parallel-collections", Integer.toString(defaults.parallelCollections()),
                "--writers", Integer.toString(defaults.writersPerCollection()), "--repeat", Integer.toString(options.repeat()));
    }

    List<String> seed(ServerProcess source, ServerProcess target, String db, boolean delayed) {
        List<String> args = new ArrayList<>(List.of("--mode", "seed",
                "--source-uri", delayed ? source.relayUri(db) : source.uri(db), "--source-db", db,
                "--target-uri", delayed ? target.relayUri(db + "_standby") : target.uri(db + "_standby"),
                "--target-db", db + "_standby", "--warmup-db", WARMUP_DB,
                "--warmup-source-uri", source.uri(WARMUP_DB), "--warmup-target-uri", target.uri(WARMUP_DB),
                "--batch-docs", Integer.toString(defaults.batchDocuments())));
        if (delayed) {
            args.addAll(List.of("--status-ports", RelayProbe.ports(source, target), "--rtt-ms", Double.toString(options.rttMs())));
        }
        return args;
    }

    /** A syncing JVM's arguments; {@code delayed} runs also read the relays' counters around each run. */
    List<String> sync(ServerProcess source, ServerProcess target, String db, boolean delayed, String verify) {
        List<String> args = new ArrayList<>(List.of("--pg-jdbc", jdbc,
                "--source-uri", delayed ? source.relayUri(db) : source.uri(db), "--source-db", db,
                "--target-uri", delayed ? target.relayUri(db + "_standby") : target.uri(db + "_standby"),
                "--target-db", db + "_standby", "--warmup-db", WARMUP_DB,
                "--warmup-source-uri", source.uri(WARMUP_DB), "--warmup-target-uri", target.uri(WARMUP_DB + "_standby"),
                "--verify", verify, "--runs", Integer.toString(options.repeat())));
        if (delayed) {
            args.addAll(List.of("--status-ports", RelayProbe.ports(source, target), "--rtt-ms", Double.toString(options.rttMs())));
        }
        return args;
    }

    /** As {@link #sync}, and each timed run an {@code auto} run after an untimed first one: a delta of an unchanged database. */
    List<String> unchangedDelta(ServerProcess source, ServerProcess target, String db, boolean delayed) {
        List<String> args = new ArrayList<>(sync(source, target, db, delayed, "count"));
        args.addAll(List.of("--prime-body", "{\"mode\":\"auto\"}", "--body", "{\"mode\":\"auto\"}"));
        return args;
    }

    /** The tools anchor's measuring JVM ({@link AnchorRunner}) on {@code db}. */
    List<String> anchor(ServerProcess source, ServerProcess target, String db, java.nio.file.Path logDir) {
        List<String> args = new ArrayList<>(sync(source, target, db, false, "count"));
        args.addAll(List.of("--mongo-tools", options.mongoTools().toString(), "--pairs", Integer.toString(options.toolsPairs()),
                "--source-server", source.uri(""), "--target-server", target.uri(""), "--log-dir", logDir.toString()));
        return args;
    }
}
