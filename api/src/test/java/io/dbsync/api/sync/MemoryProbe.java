package io.dbsync.api.sync;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dbsync.api.config.SyncMode;
import io.dbsync.api.config.StandbyLimits;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.config.VerifyMode;
import io.dbsync.api.sync.mongo.Operations;
import io.dbsync.api.sync.mongo.RunContext;
import io.dbsync.api.sync.plan.CollectionFilter;
import io.dbsync.api.testing.MemoryLedger;
import io.dbsync.api.testing.MemoryMarks;
import io.dbsync.api.sync.snapshot.FileSnapshotStore;
import io.dbsync.api.sync.snapshot.RestorePointPolicy;
import io.dbsync.api.sync.snapshot.RestorePoints;
import io.dbsync.api.sync.snapshot.Retention;
import io.dbsync.api.sync.snapshot.SnapshotSchedule;
import io.dbsync.api.sync.snapshot.archive.ArchiveWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one full copy in its own JVM (started by {@link MemoryFlatIT} and the benchmark with a small
 * -Xmx; arguments: source URI, standby URI, source database, standby database, and optionally a
 * directory to write a restore point into) and prints
 * the largest live heap it saw. Every 100 ms the sampler forces a full collection and reads the
 * used heap right after it: that is the live set, garbage excluded — the memory the copy holds.
 */
public final class MemoryProbe {
    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        AtomicLong peakLiveBytes = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "live-heap-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleWithFixedDelay(() -> peakLiveBytes.accumulateAndGet(liveHeap(), Math::max), 0, 100,
                TimeUnit.MILLISECONDS);
        try (MongoClient source = MongoClients.create(args[0]); MongoClient target = MongoClients.create(args[1])) {
            RunProgress progress = new RunProgress("probe", ProgressListener.NONE);
            RunContext context = new RunContext("00000000-probe", source.getDatabase(args[2]), target.getDatabase(args[3]), target,
                    SyncSettings.defaults(), StandbyLimits.none(), new MemoryLedger(), progress, () -> true);
            RunOptions options = new RunOptions(CollectionFilter.all(), false, VerifyMode.COUNT, true, 50, SyncMode.FULL);
            // With a fifth argument, a directory: the run also writes a restore point there.
            Optional<RestorePointPolicy> restorePoints = args.length > 4 ? Optional.of(new RestorePointPolicy(
                    new RestorePoints(new FileSnapshotStore(Path.of(args[4])), Clock.systemUTC()), SnapshotSchedule.everyRun(),
                    new Retention(1, 0, 0), ArchiveWriter.Compression.GZIP, "probe")) : Optional.empty();
            AtomicReference<SnapshotReport> restorePoint = new AtomicReference<>();
            RunOutcome outcome = new SyncRun(context, options, progress, new MemoryMarks(),
                    new RunPhases(Operations.uncounted()), plans -> RestorePointStep.begin(restorePoints, context, options,
                    plans, Clock.systemUTC(), restorePoint::set)).run();
            long documents = outcome.collections().stream().mapToLong(CollectionResult::documents).sum();

            SnapshotReport report = restorePoint.get();
            System.out.println("documents=" + documents + " peakLiveHeapBytes=" + peakLiveBytes.get()
                    + (report == null ? "" : " restorePoint=" + report.status() + " restorePointBytes=" + report.bytes()
                    + (report.reason() == null ? "" : " reason=\"" + report.reason() + "\"")));
        }
        sampler.shutdownNow();
    }

    private static long liveHeap() {
        System.gc(); // a full, stop-the-world collection with the default G1 settings
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
