package io.dbsync.api.metrics;

import io.dbsync.api.auth.AuthStats;
import io.dbsync.api.auth.Authenticator;
import io.dbsync.api.sync.SyncResult;
import io.dbsync.api.sync.StandbyStatus;
import io.dbsync.api.sync.SyncService;
import io.dbsync.api.sync.SyncStatus;
import io.dbsync.api.sync.SnapshotReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** The numbers an operator alarms on: runs by outcome, what they copied, and time since the last success. */
public final class SyncMetrics implements SyncService.RunObserver {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<SyncStatus, Counter> runs = new EnumMap<>(SyncStatus.class);
    private final Counter documents;
    private final Counter bytes;
    private final Timer duration;
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final Map<String, Counter> operations = new java.util.LinkedHashMap<>();
    private final Map<String, Counter> traffic = new java.util.LinkedHashMap<>();
    private final Map<String, Counter> restorePoints = new java.util.LinkedHashMap<>();

    public SyncMetrics(Authenticator authenticator, Clock clock, Supplier<StandbyStatus> standby) {
        for (SyncStatus status : SyncStatus.values()) {
            if (status != SyncStatus.RUNNING) {
                runs.put(status, Counter.builder("dbsync_runs").description("Runs that ended, by status")
                        .tag("status", status.json()).register(registry));
            }
        }
        documents = Counter.builder("dbsync_documents_copied").description("Documents written to the standby")
                .register(registry);
        bytes = Counter.builder("dbsync_bytes_copied").baseUnit("bytes").description("Raw BSON bytes written to the standby")
                .register(registry);
        duration = Timer.builder("dbsync_run_duration").description("Duration of runs that ended").register(registry);
        for (String server : java.util.List.of("source", "standby")) {
            operations.put(server, Counter.builder("dbsync_operations").tag("server", server)
                    .description("Commands runs sent (each a round trip; Atlas M0 allows 100 a second)").register(registry));
        }
        for (String direction : java.util.List.of("source_read", "standby_written", "standby_read")) {
            traffic.put(direction, Counter.builder("dbsync_traffic").baseUnit("bytes").tag("direction", direction)
                    .description("Document bytes runs moved (Atlas's shared tiers allow 10 GB in and out a week)")
                    .register(registry));
        }
        Gauge.builder("dbsync_seconds_since_last_success", () -> secondsSince(lastSuccess.get(), clock))
                .description("Seconds since a run last completed (-1: none yet)").register(registry);
        for (String status : List.of(SnapshotReport.WRITTEN, SnapshotReport.FAILED, SnapshotReport.SKIPPED)) {
            restorePoints.put(status, Counter.builder("dbsync_restore_points").tag("status", status)
                    .description("Restore points runs wrote, failed to write, or skipped (not due, or the run did not complete)")
                    .register(registry));
        }
        FunctionCounter.builder("dbsync_failed_logins", authenticator, Authenticator::failedLoginsTotal)
                .description("Failed Basic-auth logins").register(registry);
        for (StandbyStatus status : StandbyStatus.values()) {
            // Read at scrape time: a pause is written by the command line, in another process.
            Gauge.builder("dbsync_standby_state", () -> standbyIs(standby, status) ? 1 : 0).tag("state", status.json())
                    .description("1 for the standby's current state: ok, diverged (took foreign writes) or paused")
                    .register(registry);
        }
        AuthStats auth = authenticator.stats();
        FunctionCounter.builder("dbsync_password_checks", auth, AuthStats::bcryptChecks).tag("kind", "bcrypt")
                .description("Password-hash checks run (a dummy one for an unknown user included)").register(registry);
        FunctionCounter.builder("dbsync_password_checks", auth, AuthStats::legacyChecks).tag("kind", "legacy")
                .description("Password-hash checks run (a dummy one for an unknown user included)").register(registry);
        FunctionCounter.builder("dbsync_login_cache_hits", auth, AuthStats::cacheHits)
                .description("Logins accepted from the verified-credential cache, without a hash check").register(registry);
        FunctionCounter.builder("dbsync_legacy_hashes_replaced", auth, AuthStats::rehashedTotal)
                .description("Seed users whose werkzeug hash was replaced by bcrypt at login").register(registry);
        FunctionCounter.builder("dbsync_logins_throttled", auth, AuthStats::throttledTotal)
                .description("Logins answered 429 by the per-username or per-client limit").register(registry);
        FunctionCounter.builder("dbsync_logins_busy", authenticator.gate(), g -> g.refused())
                .description("Logins answered 429 because every password-hash slot was taken").register(registry);
        Gauge.builder("dbsync_password_checks_peak_concurrent", authenticator.gate(), g -> g.peakInUse())
                .description("The most password-hash checks that ran at once (at most AUTH_MAX_CONCURRENT_HASHES)")
                .register(registry);
    }

    /** Seeds the freshness figure from the run history at start-up. */
    public void lastSuccessAt(Instant instant) {
        lastSuccess.accumulateAndGet(instant, SyncMetrics::later);
    }

    @Override
    public void finished(SyncResult result) {
        runs.get(result.status()).increment();
        documents.increment(result.documents());
        bytes.increment(result.bytes());
        duration.record(Duration.ofMillis(result.durationMs()));
        if (result.traffic() != null) {
            operations.get("source").increment(result.traffic().sourceOperations());
            operations.get("standby").increment(result.traffic().standbyOperations());
            traffic.get("source_read").increment(result.traffic().sourceBytesRead());
            traffic.get("standby_written").increment(result.traffic().standbyBytesWritten());
            traffic.get("standby_read").increment(result.traffic().standbyBytesRead());
        }
        if (result.snapshot() != null) {
            restorePoints.get(result.snapshot().status()).increment();
        }
        if (result.status() == SyncStatus.COMPLETED) {
            lastSuccessAt(result.finishedAt());
        }
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    private static boolean standbyIs(Supplier<StandbyStatus> standby, StandbyStatus status) {
        try {
            return standby.get() == status;
        } catch (RuntimeException e) {
            return false; // PostgreSQL down: no state is known, /health says so
        }
    }

    private static double secondsSince(Instant instant, Clock clock) {
        return instant == null ? -1 : Duration.between(instant, clock.instant()).toMillis() / 1000.0;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : (a.isAfter(b) ? a : b);
    }
}
