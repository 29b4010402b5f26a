package io.dbsync.api.sync;

import com.mongodb.client.MongoDatabase;
import io.dbsync.api.config.SyncMode;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.runs.StandbyLedger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run. Every collection is brought up to date by one of three methods ({@link MethodChoice}):
 * copied in full into staging and swapped in once all staged copies are verified; or, in a delta,
 * changed in place from its change stream or by comparing contents. The staged copies come first,
 * so a failure there leaves the standby exactly as it was; in-place deltas then move each
 * collection from one consistent state towards the source's state at the run's start.
 */
final class SyncRun {
    private static final Logger LOG = LoggerFactory.getLogger(SyncRun.class);

    private final MongoDatabase source;
    private final MongoDatabase target;
    private final SyncSettings settings;
    private final StagedCopy stagedCopy;
    private final StandbyLedger ledger;
    private final String runId;

    SyncRun(MongoDatabase source, MongoDatabase target, SyncSettings settings, String runId, StandbyLedger ledger) {
        // Positions and scans from the same node: a stream position taken on one secondary and a scan
        // served by a lagging other one would skip the changes in between.
        this.source = source.withReadPreference(com.mongodb.ReadPreference.primary());
        this.target = target;
        this.settings = settings;
        this.stagedCopy = new StagedCopy(this.source, target, ledger, runId);
        this.ledger = ledger;
        this.runId = runId;
    }

    /**
     * What a run produced when it completed.
     *
     * @param mode       {@code full} when every collection was copied and swapped in, else {@code delta}
     * @param modeReason why, and which collections fell back to another method
     */
    record Outcome(String mode, String modeReason, List<CollectionResult> collections, List<String> keptOnTarget,
                   List<String> droppedOnTarget) {
    }

    /**
     * Runs with {@code options}; {@code lockStillHeld} is asked before the swap and before each
     * in-place delta, so a run that lost its lock (its database session died) stops writing the standby.
     */
    Outcome run(RunProgress progress, RunOptions options, BooleanSupplier lockStillHeld) throws InterruptedException {
        List<CollectionPlan> everything = new SyncPlanner().plan(source);
        List<CollectionPlan> plans = everything.stream().filter(p -> options.filter().accepts(p.name())).toList();
        progress.planned(plans);
        List<CollectionPlan> collections = plans.stream().filter(p -> p.kind() != CollectionKind.VIEW).toList();
        List<CollectionPlan> views = plans.stream().filter(p -> p.kind() == CollectionKind.VIEW).toList();
        DeletionGuard guard = new DeletionGuard(options.maxShrinkPercent());
        if (!options.force()) {
            // Cheap estimates first, so an emptied primary is refused before any work is done. For a
            // delta this is the whole guard: the source's count is what the delta converges to.
            Map<String, Long> estimates = new LinkedHashMap<>();
            collections.forEach(plan -> estimates.put(plan.name(), plan.estimatedDocuments()));
            dropsAsShrinks(options, everything, estimates);
            refuseIf(guard.refusal(!everything.isEmpty(), estimates, standbyCounts()));
        }

        stagedCopy.dropLeftovers();
        ClusterClock.Now startedAt = ClusterClock.now(source);
        Map<String, StandbyLedger.Entry> entries = options.mode() == SyncMode.FULL ? Map.of() : ledger.entries();
        Set<String> onStandby = new HashSet<>(target.listCollectionNames().into(new ArrayList<>()));
        Map<String, MethodChoice> choices = new LinkedHashMap<>();
        for (CollectionPlan plan : collections) {
            choices.put(plan.name(), MethodChoice.choose(options.mode(), plan, entries.get(plan.name()),
                    onStandby.contains(plan.name())));
        }
        SyncSettings runSettings = settings.withVerify(options.verify());

        // Staged copies check what they staged, against the standby as it is now, and the lock.
        Consumer<List<CollectionResult>> beforeSwap = staged -> {
            if (!options.force()) {
                Map<String, Long> counts = new LinkedHashMap<>();
                staged.forEach(result -> counts.put(result.name(), result.documents()));
                dropsAsShrinks(options, everything, counts);
                refuseIf(guard.refusal(!everything.isEmpty(), counts, standbyCounts()));
            }
            requireLock(lockStillHeld, "before the swap");
        };
        Map<String, CollectionResult> results = new LinkedHashMap<>();
        List<CollectionPlan> firstCopies = collections.stream()
                .filter(plan -> choices.get(plan.name()).method().equals(CollectionResult.COPY)).toList();
        stagedCopy.copyAndSwap(firstCopies, choices, progress, runSettings, startedAt, beforeSwap)
                .forEach(result -> results.put(result.name(), result));

        List<CollectionPlan> deltaPlans = collections.stream()
                .filter(plan -> !choices.get(plan.name()).method().equals(CollectionResult.COPY)).toList();
        DeltaPhase deltas = new DeltaPhase(new DeltaApplier(source, target, runSettings, progress, ledger, runId),
                options.mode(), startedAt, lockStillHeld);
        List<CollectionPlan> secondCopies = new ArrayList<>();
        for (DeltaPhase.Outcome outcome : deltas.applyAll(deltaPlans, choices, runSettings)) {
            if (outcome.result() != null) {
                results.put(outcome.plan().name(), outcome.result());
                progress.collectionDone(outcome.plan().name());
            } else {
                choices.put(outcome.plan().name(), outcome.copyChoice());
                secondCopies.add(outcome.plan());
            }
        }
        stagedCopy.copyAndSwap(secondCopies, choices, progress, runSettings, ClusterClock.now(source), beforeSwap)
                .forEach(result -> results.put(result.name(), result));

        try {
            new ViewWriter(target).writeAll(views);
        } catch (RuntimeException e) {
            throw new SyncFailedException("every collection was brought up to date, but recreating the views"
                    + " failed: " + FailureMessages.describe(e), e);
        }
        views.forEach(view -> progress.collectionDone(view.name()));

        List<CollectionResult> all = new ArrayList<>();
        collections.forEach(plan -> all.add(results.get(plan.name())));
        views.forEach(view -> all.add(new CollectionResult(view.name(), CollectionKind.VIEW.json(),
                CollectionResult.DEFINITION, null, 0, 0, 0, 0, 0, true, "definition")));
        String mode = all.stream().allMatch(r -> r.method().equals(CollectionResult.COPY)
                || r.method().equals(CollectionResult.DEFINITION)) ? SyncResult.MODE_FULL : SyncResult.MODE_DELTA;
        String reason = ModeReasons.describe(options.mode(), mode, all);

        List<String> missing = missingOnSource(everything);
        missing.forEach(ledger::forget); // no longer a copy of anything on the source
        if (options.dropMissing()) {
            try {
                missing.forEach(name -> target.getCollection(name).drop());
            } catch (RuntimeException e) {
                throw new SyncFailedException("every collection was brought up to date, but dropping the"
                        + " collections missing on the source failed: " + FailureMessages.describe(e), e);
            }
            LOG.info("event=missing.dropped collections={}", missing);
            return new Outcome(mode, reason, all, List.of(), missing);
        }
        return new Outcome(mode, reason, all, missing, List.of());
    }

    static void requireLock(BooleanSupplier lockStillHeld, String when) {
        if (!lockStillHeld.getAsBoolean()) {
            throw new SyncFailedException("the run lost its lock " + when + " (its PostgreSQL session ended); "
                    + "it stopped without writing further");
        }
    }

    /** A collection dropMissing would drop shrinks to nothing: the guard must see it as such. */
    private void dropsAsShrinks(RunOptions options, List<CollectionPlan> everything, Map<String, Long> counts) {
        if (options.dropMissing()) {
            missingOnSource(everything).forEach(name -> counts.putIfAbsent(name, 0L));
        }
    }

    private static void refuseIf(Optional<String> refusal) {
        if (refusal.isPresent()) {
            throw new RunRefusedException(refusal.get());
        }
    }

    /** Documents per standby collection (views have none), from the server's metadata. */
    private Map<String, Long> standbyCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (BsonDocument info : target.listCollections(BsonDocument.class)) {
            String name = info.getString("name").getValue();
            boolean view = "view".equals(info.getString("type", new BsonString("collection")).getValue());
            if (!view && !StagingNames.isSkipped(name)) {
                counts.put(name, target.getCollection(name).estimatedDocumentCount());
            }
        }
        return counts;
    }

    /** Standby collections the source no longer has (whatever the filters say: they are not missing). */
    private List<String> missingOnSource(List<CollectionPlan> plans) {
        Set<String> onSource = new HashSet<>();
        plans.forEach(plan -> onSource.add(plan.name()));
        List<String> kept = new ArrayList<>();
        for (String name : target.listCollectionNames()) {
            if (!StagingNames.isSkipped(name) && !onSource.contains(name)) {
                kept.add(name);
            }
        }
        kept.sort(String::compareTo);
        return kept;
    }
}
