package io.dbsync.api.cli;

import io.dbsync.api.config.ApiConfig;
import io.dbsync.api.config.MongoEndpoint;
import io.dbsync.api.store.Postgres;
import io.dbsync.api.store.StandbyStates;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dbsync pause} and {@code dbsync resume}: make a failover explicit. Both are recorded. */
public final class StandbyCommands {
    private StandbyCommands() {
    }

    /** The standby's state in PostgreSQL: the target named by the configuration. */
    static StandbyStates states(Postgres database, CliContext context) {
        MongoEndpoint target = ApiConfig.targetFromEnv(context.env());
        return new StandbyStates(database.jdbi(), target.identity(), context.clock());
    }

    @Command(name = "pause", description = "Refuse every run against the standby until 'resume' (before a failover).")
    public static final class Pause implements Callable<Integer> {
        @Option(names = "--reason", required = true, description = "why, shown in every refusal and in status")
        String reason;

        private final CliContext context;

        public Pause(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (Postgres database = Postgres.open(ApiConfig.databaseFromEnv(context.env()), 1)) {
                StandbyStates states = states(database, context);
                if (!states.pause(reason, context.operator())) {
                    StandbyStates.State state = states.current();
                    context.out().println("already paused since " + state.pausedAt() + " by " + state.pausedBy() + ": "
                            + state.pausedReason());
                    return ExitCodes.COMPLETED;
                }
                context.out().println("paused: every run against the standby is refused until 'dbsync resume'");
                return ExitCodes.COMPLETED;
            }
        }
    }

    @Command(name = "resume", description = "Let runs write the standby again.")
    public static final class Resume implements Callable<Integer> {
        private final CliContext context;

        public Resume(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (Postgres database = Postgres.open(ApiConfig.databaseFromEnv(context.env()), 1)) {
                boolean resumed = states(database, context).resume(context.operator());
                context.out().println(resumed ? "resumed: runs may write the standby again" : "was not paused");
                return ExitCodes.COMPLETED;
            }
        }
    }
}
