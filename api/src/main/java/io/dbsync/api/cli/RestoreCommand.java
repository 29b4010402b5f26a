package io.dbsync.api.cli;

import io.dbsync.api.RestoreEngine;
import io.dbsync.api.config.ApiConfig;
import io.dbsync.api.config.ConfigException;
import io.dbsync.api.config.MongoEndpoint;
import io.dbsync.api.config.SnapshotConfig;
import io.dbsync.api.store.Postgres;
import io.dbsync.api.sync.ArchiveSource;
import io.dbsync.api.sync.RestoreResult;
import io.dbsync.api.sync.RestoreRun;
import io.dbsync.api.sync.plan.CollectionFilter;
import io.dbsync.api.sync.snapshot.RestorePointNotFoundException;
import io.dbsync.api.sync.snapshot.RestorePoints;
import io.dbsync.api.sync.snapshot.SnapshotSettings;
import io.dbsync.api.sync.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dbsync restore <id|latest> --to-env VAR}: restores a restore point — or, with
 * {@code --file}, an archive mongodump wrote — into the database in {@code $VAR}: staged, checked
 * end to end, then swapped in under the run lock, with the progress display of {@code sync}.
 */
@Command(name = "restore", description = "Restore a restore point (or a mongodump archive file) into the database in $VAR.",
        footer = "The destination's collections that the archive holds are replaced; its other collections are kept."
                + "%nExit codes: 0 completed, 1 failed, 2 bad configuration, 3 refused (a damaged archive, a run in progress,"
                + " the standby without --force).")
public final class RestoreCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "a restore point's id, or 'latest' (see 'dbsync snapshots')")
    String id;

    @Option(names = "--file", paramLabel = "PATH", description = "restore this archive file instead (mongodump --archive, gzipped or not)")
    Path file;

    @Option(names = "--to-env", required = true, paramLabel = "VAR", description = "variable holding the destination's URI")
    String toEnv;

    @Option(names = "--include", split = ",", description = "collection names or * globs to restore")
    List<String> include;

    @Option(names = "--exclude", split = ",", description = "collection names or * globs not to restore")
    List<String> exclude;

    @Option(names = "--force", description = "allow restoring into the standby dbsync keeps (TARGET_MONGODB_URI)")
    boolean force;

    private final CliContext context;

    public RestoreCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        if ((id == null) == (file == null)) {
            throw new ConfigException("name a restore point (an id, or latest) or an archive --file, not both");
        }
        MongoEndpoint destination = EnvEndpoint.read(context, toEnv);
        if (!force && isTheStandby(destination)) {
            context.err().println("dbsync: " + toEnv + " names the standby dbsync keeps; its next run would refuse it as"
                    + " diverged. Restore into the primary (or a scratch database), or add --force");
            return ExitCodes.REFUSED;
        }
        CollectionFilter filter = new CollectionFilter(Optional.ofNullable(include).orElse(List.of()),
                Optional.ofNullable(exclude).orElse(List.of()));
        SnapshotStore store = null;
        ArchiveSource source;
        try {
            if (file != null) {
                source = ArchiveSource.file(file);
            } else {
                store = SnapshotSettings.from(SnapshotConfig.fromEnv(context.env())).openStore();
                RestorePoints points = new RestorePoints(store, context.clock());
                source = ArchiveSource.of(points, points.find(id));
            }
        } catch (RestorePointNotFoundException | IllegalArgumentException e) {
            closeQuietly(store);
            context.err().println("dbsync: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        try (Postgres database = Postgres.open(ApiConfig.databaseFromEnv(context.env()), 2);
             RestoreEngine engine = RestoreEngine.open(database, destination, ApiConfig.syncSettingsFromEnv(context.env()),
                     context.clock())) {
            context.out().println("restoring " + source.description() + " into " + destination.redacted());
            RestoreResult result = follow(engine.newRestore(), source, filter);
            if (result == null) {
                context.err().println("dbsync: the restore stopped with an internal error; the log has the details");
                return ExitCodes.FAILED;
            }
            report(result);
            return ExitCodes.of(result.status());
        } finally {
            closeQuietly(store);
        }
    }

    private boolean isTheStandby(MongoEndpoint destination) {
        if (context.env().get("TARGET_MONGODB_URI") == null && context.env().get("TARGETDB") == null) {
            return false;
        }
        return ApiConfig.targetFromEnv(context.env()).identity().equals(destination.identity());
    }

    /** Runs the restore on its own thread, showing its progress; Ctrl-C stops it and waits for its staging to be dropped. */
    private RestoreResult follow(RestoreRun restore, ArchiveSource source, CollectionFilter filter) throws InterruptedException {
        RestoreResult[] result = new RestoreResult[1];
        Thread worker = new Thread(() -> result[0] = restore.restore(source, filter), "dbsync-restore");
        Thread onInterrupt = new Thread(() -> {
            worker.interrupt();
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dbsync-restore-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try (ProgressDisplay display = context.terminal() != null ? new TerminalProgress(context.terminal())
                : new PlainProgress(context.out(), context.clock(), context.progressEvery())) {
            worker.start();
            while (worker.isAlive()) {
                worker.join(200);
                display.update(restore.progress());
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs
            }
        }
        return result[0];
    }

    private void report(RestoreResult result) {
        context.out().println("restore " + result.restoreId() + " " + result.status().json() + ": " + result.documents()
                + " documents, " + Figures.bytes(result.bytes()) + " in " + Figures.duration(java.time.Duration.ofMillis(
                result.durationMs())));
        result.collections().forEach(collection -> context.out().println("  " + collection.name() + ": "
                + (collection.type().equals("view") ? "view, recreated" : collection.type() + ", " + collection.documents()
                + " documents, " + Figures.bytes(collection.bytes()) + ", " + collection.indexes() + " indexes, verified (count,"
                + " CRC " + collection.crc() + ")") + (collection.droppedOptions().isEmpty() ? ""
                : " — options refused by the destination: " + collection.droppedOptions())));
        if (result.error() != null) {
            context.out().println((result.status().json().equals("refused") ? "refused: " : "error: ") + result.error());
        }
        context.out().flush();
    }

    private static void closeQuietly(SnapshotStore store) {
        if (store != null) {
            store.close();
        }
    }
}
