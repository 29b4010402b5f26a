package io.dbsync.api;

import io.dbsync.api.auth.PasswordHasher;
import io.dbsync.api.cli.CliContext;
import io.dbsync.api.cli.CopyCommand;
import io.dbsync.api.cli.StandbyCommands;
import io.dbsync.api.cli.StatusCommand;
import io.dbsync.api.cli.RestoreCommand;
import io.dbsync.api.cli.SnapshotsCommand;
import io.dbsync.api.cli.SyncCommand;
import io.dbsync.api.config.ApiConfig;
import io.dbsync.api.config.ConfigException;
import io.dbsync.api.config.Redactor;
import io.dbsync.api.config.SecretsExtensionEnv;
import io.dbsync.api.store.Postgres;
import io.dbsync.api.sync.ProgressListener;
import io.dbsync.api.users.PasswordReader;
import io.dbsync.api.users.UserAdmin;
import io.dbsync.api.users.UsersCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * The entry point: {@code dbsync [serve]} runs the API; {@code users …} manages users; {@code sync},
 * {@code copy}, {@code status}, {@code pause} and {@code resume} are the operator's commands.
 * Configuration is read from the environment here and nowhere else.
 */
@Command(name = "dbsync", mixinStandardHelpOptions = true, version = "dbsync 0.1.0",
        description = "Keeps a complete, verified standby copy of a MongoDB database.")
public final class Main implements Callable<Integer> {
    static final int CONFIG_ERROR = 2;

    private final Map<String, String> env;

    Main(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        PasswordReader passwords = new PasswordReader(System.console(),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        Optional<Map<String, String>> env = SecretsExtensionEnv.resolve(System.getenv(), System.err);
        if (env.isEmpty()) {
            System.exit(CONFIG_ERROR);
            return;
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        // Progress is redrawn in place on a terminal; a pipe or a log file gets plain lines.
        CliContext context = new CliContext(env.get(), out, err, passwords, Clock.systemUTC(),
                System.console() != null ? System.out : null, Duration.ofSeconds(5));
        System.exit(commandLine(context).setOut(out).setErr(err).execute(args));
    }

    /**
     * Runs the command line with the given environment and streams, no terminal, progress lines every
     * {@code progressEvery}; returns the process exit code. Tests and the benchmark's restoring JVM run it in-process.
     */
    public static int run(String[] args, Map<String, String> env, PasswordReader passwords, PrintWriter out, PrintWriter err,
                   Duration progressEvery) {
        CliContext context = new CliContext(env, out, err, passwords, Clock.systemUTC(), null, progressEvery);
        return commandLine(context).setOut(out).setErr(err).execute(args);
    }

    static CommandLine commandLine(CliContext context) {
        Map<String, String> env = context.env();
        UsersCommand.Context usersContext = new UsersCommand.Context(() -> openUserAdmin(env), context.prompts());
        CommandLine commandLine = new CommandLine(new Main(env))
                .addSubcommand("serve", new Serve(env))
                .addSubcommand("users", new CommandLine(new UsersCommand(usersContext)))
                .addSubcommand("sync", new SyncCommand(context))
                .addSubcommand("copy", new CopyCommand(context))
                .addSubcommand("status", new StatusCommand(context))
                .addSubcommand("pause", new StandbyCommands.Pause(context))
                .addSubcommand("resume", new StandbyCommands.Resume(context))
                .addSubcommand("snapshots", new SnapshotsCommand(context))
                .addSubcommand("restore", new RestoreCommand(context));
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            // Expected failures (bad config, unknown user, bad password) are one line, never a stack trace.
            if (e instanceof DbSyncException) {
                cmd.getErr().println("dbsync: " + e.getMessage());
                return e instanceof ConfigException ? CONFIG_ERROR : 1;
            }
            // Anything else (PostgreSQL down, a bug) is one redacted line too: a stack trace could carry secrets.
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            cmd.getErr().println("dbsync: failed: " + root.getClass().getSimpleName() + ": "
                    + io.dbsync.api.config.Redactor.redact(String.valueOf(root.getMessage())));
            return 1;
        });
        return commandLine;
    }

    /** With no subcommand, serve — so {@code java -jar dbsync-api.jar} is the whole Procfile line. */
    @Override
    public Integer call() throws InterruptedException {
        return new Serve(env).call();
    }

    private static UserAdmin openUserAdmin(Map<String, String> env) {
        Postgres database = Postgres.open(ApiConfig.databaseFromEnv(env), 1);
        Runtime.getRuntime().addShutdownHook(new Thread(database::close));
        return new UserAdmin(database.jdbi(), new PasswordHasher(ApiConfig.bcryptCostFromEnv(env)));
    }

    /** {@code dbsync serve}: runs the API until the process is stopped. */
    @Command(name = "serve", description = "Run the HTTP API (the default).")
    static final class Serve implements Callable<Integer> {
        private final Map<String, String> env;

        Serve(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() throws InterruptedException {
            ApiConfig config = ApiConfig.fromEnv(env);
            Application application = Application.start(config, ProgressListener.NONE);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                application.close();
                stopped.countDown();
            }));
            stopped.await();
            return 0;
        }
    }
}
