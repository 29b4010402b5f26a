package io.dbsync.scheduler;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * Runs the scheduled job once from the command line, exactly as Lambda would: same environment
 * variables, same log lines, a context whose remaining time comes from DBSYNC_TIMEOUT_SECONDS.
 * Prints the result JSON on success. Exit status: 0 completed, 1 any other outcome, 2 bad
 * configuration or usage.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length > 0) {
            err.println(usage());
            return args.length == 1 && (args[0].equals("-h") || args[0].equals("--help")) ? OK : USAGE;
        }
        Duration budget;
        try {
            budget = SchedulerConfig.commandLineBudget(env);
        } catch (ConfigException e) {
            err.println("dbsync-scheduler: " + e.getMessage());
            return USAGE;
        }
        SyncTriggerHandler handler = new SyncTriggerHandler(env, Pacing.DEFAULT, out);
        try {
            out.println(handler.handleRequest(Map.of(), new CommandLineContext(budget, err)));
            return OK;
        } catch (ConfigException e) {
            err.println("dbsync-scheduler: " + e.getMessage());
            return USAGE;
        } catch (SchedulerException e) {
            err.println("dbsync-scheduler: " + e.getMessage());
            return FAILED;
        }
    }

    private static String usage() {
        return String.join(System.lineSeparator(),
                "usage: java -jar dbsync-scheduler-lambda.jar",
                "Starts a dbsync run (or joins the one going), follows it to the end and prints its result JSON.",
                "Environment: DBSYNC_URL, DBSYNC_USERNAME, DBSYNC_PASSWORD (or DBSYNC_PASSWORD_SECRET_ID inside Lambda),",
                "  DBSYNC_ALLOW_HTTP, DBSYNC_CONNECT_TIMEOUT_SECONDS, DBSYNC_HTTP_TIMEOUT_SECONDS, DBSYNC_TIMEOUT_SECONDS.",
                "Exit status: 0 completed, 1 failed/refused/timeout/error, 2 configuration or usage error.");
    }
}
