package io.dbsync.api.cli;

import io.dbsync.api.SyncEngine;
import io.dbsync.api.config.ApiConfig;
import io.dbsync.api.config.SyncMode;
import io.dbsync.api.config.VerifyMode;
import io.dbsync.api.sync.RunHandle;
import io.dbsync.api.sync.RunInProgressException;
import io.dbsync.api.sync.SyncRequest;
import io.dbsync.api.sync.SyncResult;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import io.dbsync.api.sync.snapshot.SnapshotSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dbsync sync}: one run now, through the same service, lock, guards and records as {@code /syncdb}. */
@Command(name = "sync", description = "Run one sync now and show its progress per collection.",
        footer = "Exit codes: 0 completed, 1 failed, 2 bad configuration, 3 refused (a guard: deletion, divergence, pause, storage).")
public final class SyncCommand implements Callable<Integer> {
    @Option(names = "--mode", description = "full, delta or auto (default: SYNC_MODE)")
    String mode;

    @Option(names = "--include", split = ",", description = "collection names or * globs to copy")
    List<String> include;

    @Option(names = "--exclude", split = ",", description = "collection names or * globs never to copy")
    List<String> exclude;

    @Option(names = "--verify", description = "count or digest (default: SYNC_VERIFY)")
    String verify;

    @Option(names = "--force", description = "override the deletion and divergence guards once (recorded on the run)")
    boolean force;

    private final CliContext context;

    public SyncCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        ApiConfig config = ApiConfig.fromEnv(context.env());
        SyncRequest request = new SyncRequest(context.operator(), force, Optional.ofNullable(include),
                Optional.ofNullable(exclude), Optional.empty(),
                Optional.ofNullable(verify).map(value -> VerifyMode.parse("--verify", value)),
                Optional.ofNullable(mode).map(value -> SyncMode.parse("--mode", value)));
        try (CliEngine cli = CliEngine.open(config, new SyncEngine.Pair(config.source(), config.target()), config.policy(),
                SnapshotSettings.from(config.snapshots()), context)) {
            return run(cli, request, context).exitCode();
        }
    }

    /** How a command's run ended: its exit code, and its result when it started at all. */
    record Outcome(int exitCode, SyncResult result) {
    }

    /** Starts the run and follows it to the end. */
    static Outcome run(CliEngine cli, SyncRequest request, CliContext context) throws InterruptedException {
        RunHandle handle;
        try {
            handle = cli.engine().service().start(request);
        } catch (RunInProgressException e) {
            context.err().println("dbsync: a run is already in progress: " + e.runningRunId());
            return new Outcome(ExitCodes.FAILED, null);
        } catch (IllegalArgumentException e) {
            context.err().println("dbsync: " + e.getMessage());
            return new Outcome(ExitCodes.BAD_CONFIGURATION, null);
        }
        context.out().println("run " + handle.runId() + " started");
        SyncResult result = RunFollower.follow(handle, context);
        return new Outcome(ExitCodes.of(result.status()), result);
    }
}
