package io.dbsync.scheduler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The Lambda entry point: starts a dbsync run over HTTP (or joins the one already going),
 * follows it to its end within the invocation's remaining time, and tells the truth about it.
 *
 * <p>Every invocation prints the {@link InvocationReport}'s lines to stdout: the summary
 * ({@code "level":"INFO"} only for {@code completed}), its Embedded Metric Format line and, when
 * the run attempted a snapshot, the snapshot line. Then it returns the API's result JSON, or throws
 * a {@link SchedulerException} for any other outcome so that Lambda counts the invocation as failed.
 *
 * <p>The input event is ignored (an EventBridge schedule sends nothing useful). Configuration
 * comes from the environment, read once in the constructor; a bad environment does not stop the
 * function from starting but makes every invocation fail with a message naming the variable, so
 * the failure reaches the same log line, metric and alarm as any other.
 */
public final class SyncTriggerHandler implements RequestHandler<Map<String, Object>, String> {
    private final SyncJob job;
    private final Pacing pacing;
    private final PrintStream out;
    private final LongSupplier wallClock;

    /** Used by Lambda: reads the process environment. */
    public SyncTriggerHandler() {
        this(System.getenv(), Pacing.DEFAULT, System.out);
    }

    /**
     * A handler configured from the given variables instead of the process environment (same
     * names, same defaults): for running the scheduler in-process against any API base URL.
     */
    public static SyncTriggerHandler withEnvironment(Map<String, String> env) {
        return withEnvironment(env, System.out);
    }

    /** As {@link #withEnvironment(Map)}, printing the log lines to {@code out} instead of stdout. */
    public static SyncTriggerHandler withEnvironment(Map<String, String> env, PrintStream out) {
        return new SyncTriggerHandler(env, Pacing.DEFAULT, out);
    }

    SyncTriggerHandler(Map<String, String> env, Pacing pacing, PrintStream out) {
        this(jobFor(env, pacing), pacing, out, System::currentTimeMillis);
    }

    SyncTriggerHandler(SyncJob job, Pacing pacing, PrintStream out, LongSupplier wallClock) {
        this.job = job;
        this.pacing = pacing;
        this.out = out;
        this.wallClock = wallClock;
    }

    private static SyncJob jobFor(Map<String, String> env, Pacing pacing) {
        try {
            return ApiSyncJob.create(SchedulerConfig.fromEnv(env), pacing);
        } catch (ConfigException e) {
            return SyncJob.failing(e);
        }
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        long startNanos = System.nanoTime();
        Deadline deadline = Deadline.fromContext(context, pacing.safetyMargin());
        ApiRunReply result = null;
        SchedulerException failure = null;
        try {
            result = job.run(deadline);
        } catch (SchedulerException e) {
            failure = e;
        } catch (RuntimeException e) {
            // Jobs wrap their own bugs; this only guards the contract of one line per invocation.
            failure = new SchedulerException("error", null, "unexpected " + e.getClass().getName(), null);
            failure.setStackTrace(e.getStackTrace());
        }
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);

        InvocationReport report = failure != null
                ? InvocationReport.of(failure.status(), failure.runId().orElse(null), elapsedMs, 0, failure.getMessage())
                : reportOf(result, elapsedMs);
        report.lines(wallClock.getAsLong()).forEach(out::println);
        out.flush();

        if (failure != null) {
            throw failure;
        }
        if (!report.succeeded()) {
            // The run's own status decides: a failed snapshot of a completed run does not fail the invocation.
            throw new SyncFailedException(result.status(), result.runId(), "run " + result.runId()
                    + " ended with status " + result.status()
                    + (result.refused() && result.refusal() != null ? " (" + result.refusal() + ")" : "")
                    + (result.error() == null ? "" : ": " + result.error()));
        }
        return result.json();
    }

    private static InvocationReport reportOf(ApiRunReply result, long elapsedMs) {
        InvocationReport report = InvocationReport.of(result.status(), result.runId(),
                result.durationMs().orElse(elapsedMs), result.documents(), result.error());
        if (result.refused()) {
            report = report.withRefusal(result.refusal());
        }
        return result.snapshot().map(report::withSnapshot).orElse(report);
    }
}
