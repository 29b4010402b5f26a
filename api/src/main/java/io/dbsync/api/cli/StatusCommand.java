package io.dbsync.api.cli;

import io.dbsync.api.config.ApiConfig;
import io.dbsync.api.config.SyncPolicy;
import io.dbsync.api.store.Postgres;
import io.dbsync.api.store.RunRecord;
import io.dbsync.api.store.RunStore;
import io.dbsync.api.store.StandbyStates;
import io.dbsync.api.sync.CollectionProgress;
import io.dbsync.api.sync.SyncResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dbsync status}: freshness, the standby's state, the last runs, and a running run's
 * progress — all from PostgreSQL, so it works while the API (or another command) runs the sync.
 */
@Command(name = "status", description = "Show freshness, the standby's state, the last runs and a running run's progress.")
public final class StatusCommand implements Callable<Integer> {
    @Option(names = "--runs", defaultValue = "10", description = "how many recent runs to list (default ${DEFAULT-VALUE})")
    int runs;

    private final CliContext context;

    public StatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        SyncPolicy policy = ApiConfig.policyFromEnv(context.env());
        try (Postgres database = Postgres.open(ApiConfig.databaseFromEnv(context.env()), 1)) {
            RunStore store = new RunStore(database.jdbi());
            PrintWriter out = context.out();
            Instant now = context.clock().instant();
            Optional<Instant> lastSuccess = store.lastSuccessAt();
            boolean stale = lastSuccess.isEmpty() || lastSuccess.get().isBefore(now.minus(policy.maxStaleness()));
            out.println("freshness: " + lastSuccess.map(at -> "last completed run " + at + " ("
                    + Figures.duration(Duration.between(at, now)) + " ago)").orElse("no completed run yet")
                    + (stale ? ", STALE" : ", fresh") + " (window " + policy.maxStaleness().toMinutes() + " min)");
            out.println("standby: " + standby(StandbyCommands.states(database, context).current()));
            List<RunRecord> recent = store.recent(Math.max(1, runs));
            out.println("last runs:");
            recent.forEach(row -> out.println("  " + line(row, now)));
            recent.stream().filter(row -> row.status().equals("running")).findFirst().ifPresent(row -> running(row, now, out));
            out.flush();
            return ExitCodes.COMPLETED;
        }
    }

    static String standby(StandbyStates.State state) {
        if (state.paused()) {
            return "paused since " + state.pausedAt() + " by " + state.pausedBy() + ": " + state.pausedReason();
        }
        if (state.diverged()) {
            return "DIVERGED since " + state.divergedAt() + ": " + state.divergedDetail();
        }
        return "ok";
    }

    private static String line(RunRecord row, Instant now) {
        Instant end = row.finishedAt() == null ? now : row.finishedAt();
        return String.format(Locale.ROOT, "%s  %-9s %-5s %9d documents  %10s  %s  started %s", row.id(), row.status(),
                row.mode(), row.documents(), Figures.duration(Duration.between(row.startedAt(), end)), row.triggeredBy(),
                row.startedAt());
    }

    private static void running(RunRecord row, Instant now, PrintWriter out) {
        SyncResult live = SyncResult.fromRow(row, now);
        out.println("running " + row.id() + ":");
        for (CollectionProgress collection : live.live()) {
            out.println("  " + collection.state() + " " + PlainProgress.line(collection, 0).substring("progress ".length()));
        }
    }
}
