package io.dbsync.api.cli;

import io.dbsync.api.DbSyncException;
import io.dbsync.api.SyncEngine;
import io.dbsync.api.config.ApiConfig;
import io.dbsync.api.config.AuthSettings;
import io.dbsync.api.config.ConfigException;
import io.dbsync.api.config.MongoEndpoint;
import io.dbsync.api.config.StandbyLimits;
import io.dbsync.api.config.SyncMode;
import io.dbsync.api.config.SyncPolicy;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.store.PostgresStandbyMarks;
import io.dbsync.api.store.StandbyStates;
import io.dbsync.api.sync.FailbackMarks;
import io.dbsync.api.sync.SyncRequest;
import io.dbsync.api.sync.snapshot.SnapshotSettings;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dbsync copy --from-env A --to-env B}: copies one database onto another with the same
 * engine, staging, verification and guards as a run — the failback (standby → new primary) and the
 * way to seed a new standby. The connection strings come from the named variables, or are asked for.
 */
@Command(name = "copy", description = "Copy the database in $A onto the one in $B (failback, or seeding a new standby).",
        footer = "Connection strings are read from the named environment variables, or asked for; never given as arguments."
                + "%nExit codes: 0 completed, 1 failed, 2 bad configuration, 3 refused.")
public final class CopyCommand implements Callable<Integer> {
    @Option(names = "--from-env", required = true, paramLabel = "VAR", description = "variable holding the source's URI")
    String fromEnv;

    @Option(names = "--to-env", required = true, paramLabel = "VAR", description = "variable holding the destination's URI")
    String toEnv;

    @Option(names = "--include", split = ",", description = "collection names or * globs to copy")
    List<String> include;

    @Option(names = "--exclude", split = ",", description = "collection names or * globs never to copy")
    List<String> exclude;

    @Option(names = "--force", description = "override the deletion and divergence guards of the destination once")
    boolean force;

    private final CliContext context;

    public CopyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        MongoEndpoint from = EnvEndpoint.read(context, fromEnv);
        MongoEndpoint to = EnvEndpoint.read(context, toEnv);
        if (from.identity().equals(to.identity())) {
            throw new ConfigException(fromEnv + " and " + toEnv + " name the same database '" + from.database()
                    + "': a copy needs two");
        }
        SyncSettings settings = ApiConfig.syncSettingsFromEnv(context.env());
        SyncPolicy base = ApiConfig.policyFromEnv(context.env());
        // The destination is not the configured standby: its limits are not known here.
        SyncPolicy policy = base.withFilters(List.of(), List.of(), false).withMode(SyncMode.FULL)
                .withLimits(StandbyLimits.none());
        ApiConfig config = new ApiConfig(from, to, ApiConfig.databaseFromEnv(context.env()), 0,
                ApiConfig.MIN_BCRYPT_COST, settings, policy, AuthSettings.defaults(), ApiConfig.DEFAULT_SYNC_WAIT);
        // A copy's source is not the configured primary: its runs write no restore points.
        try (CliEngine cli = CliEngine.open(config, new SyncEngine.Pair(from, to), policy, SnapshotSettings.off(), context)) {
            FailbackMarks failback = FailbackMarks.beforeCopy(cli.engine().source(),
                    new PostgresStandbyMarks(cli.database().jdbi(), from.identity()),
                    new StandbyStates(cli.database().jdbi(), from.identity(), context.clock()), settings.batchDocuments());
            context.out().println("copying " + from.redacted() + " onto " + to.redacted()
                    + (failback.isFailback() ? " (a failback: the source is a standby dbsync manages)" : ""));
            SyncRequest request = new SyncRequest(context.operator(), force, Optional.ofNullable(include),
                    Optional.ofNullable(exclude), Optional.of(false), Optional.empty(), Optional.of(SyncMode.FULL));
            SyncCommand.Outcome outcome = SyncCommand.run(cli, request, context);
            if (outcome.exitCode() == ExitCodes.COMPLETED) {
                failback.afterCompletedCopy(outcome.result().runId(), to.identity(), context.operator());
            }
            return outcome.exitCode();
        }
    }
}
