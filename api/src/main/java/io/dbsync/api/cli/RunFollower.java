package io.dbsync.api.cli;

import io.dbsync.api.sync.RunHandle;
import io.dbsync.api.sync.SnapshotReport;
import io.dbsync.api.sync.SyncResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/** Follows a run this process started until it ends, showing its progress, then says how it ended. */
final class RunFollower {
    private static final Duration POLL = Duration.ofMillis(200);

    private RunFollower() {
    }

    static SyncResult follow(RunHandle handle, CliContext context) throws InterruptedException {
        SyncResult result;
        try (ProgressDisplay display = context.terminal() != null ? new TerminalProgress(context.terminal())
                : new PlainProgress(context.out(), context.clock(), context.progressEvery())) {
            Optional<SyncResult> ended = Optional.empty();
            while (ended.isEmpty()) {
                ended = handle.await(POLL);
                display.update(handle.progressSnapshot().live());
            }
            result = ended.get();
        }
        // After the display is closed: its last redraw must not overwrite the report.
        report(result, context.out());
        return result;
    }

    /** One line for the run, one per collection, and the error or refusal if any. */
    static void report(SyncResult result, PrintWriter out) {
        out.println("run " + result.runId() + " " + result.status().json() + " (" + result.mode().json() + "): "
                + result.documents() + " documents, " + Figures.bytes(result.bytes()) + " in "
                + Figures.duration(Duration.ofMillis(result.durationMs())));
        result.collections().forEach(collection -> out.println("  " + collection.name() + ": " + collection.method().json()
                + ", " + collection.documents() + " documents" + (collection.deleted() > 0 ? ", " + collection.deleted()
                + " deleted" : "") + ", " + Figures.bytes(collection.bytes()) + (collection.verified() ? ", verified ("
                + collection.verification() + ")" : "") + (collection.reason() == null ? "" : " — " + collection.reason())));
        if (result.snapshot() != null) {
            out.println(restorePoint(result.snapshot()));
        }
        if (result.error() != null) {
            out.println((result.refusal() != null ? "refused (" + result.refusal().json() + "): " : "error: ") + result.error());
        }
        out.flush();
    }

    /** The restore point's own line: a failed one is reported, though the run completed. */
    static String restorePoint(SnapshotReport snapshot) {
        return switch (snapshot.status()) {
            case SnapshotReport.WRITTEN -> "restore point " + snapshot.id() + " written: " + snapshot.documents() + " documents, "
                    + Figures.bytes(snapshot.bytes()) + " in " + Figures.duration(Duration.ofMillis(Math.round(snapshot.seconds()
                    * 1000))) + (snapshot.deleted().isEmpty() ? "" : "; retention deleted " + snapshot.deleted().size());
            case SnapshotReport.FAILED -> "restore point " + (snapshot.id() == null ? "" : snapshot.id() + " ")
                    + "FAILED (the run itself is not affected): " + snapshot.reason();
            default -> "restore point skipped: " + snapshot.reason();
        };
    }
}
