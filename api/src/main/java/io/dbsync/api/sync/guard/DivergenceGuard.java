package io.dbsync.api.sync.guard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.dbsync.api.Json;
import io.dbsync.api.store.StandbyMarks;
import io.dbsync.api.sync.mongo.ClusterClock;
import io.dbsync.api.sync.mongo.StandbyInventory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before a run writes anything: did the standby take writes dbsync did not make since its last
 * mark? Collections created or dropped are seen by name; changes inside collections by the best
 * detector the mark allows — the standby's change stream, else a content fingerprint, else counts
 * and bounds. A detector that fails is never read as "no divergence": the next one runs, and the
 * result says why.
 */
public final class DivergenceGuard {
    private static final Logger LOG = LoggerFactory.getLogger(DivergenceGuard.class);
    private static final ObjectMapper JSON = Json.mapper();

    private final MongoDatabase target;
    private final StandbyMarks marks;
    private final int batchSize;

    public DivergenceGuard(MongoDatabase target, StandbyMarks marks, int batchSize) {
        this.target = target;
        this.marks = marks;
        this.batchSize = batchSize;
    }

    /** What the standby took since the last mark; {@link Divergence#diverged()} says whether anything. */
    public Divergence check() {
        return check(StandbyInventory.read(target));
    }

    /** The same, with the standby's collections and counts as the caller just read them. */
    public Divergence check(StandbyInventory now) {
        Optional<StandbyMarks.Row> row = marks.find();
        if (row.isEmpty()) {
            return Divergence.unchecked("no run has completed against this standby yet: nothing to compare with");
        }
        StandbyMark mark = parse(row.get().mark());
        Instant lastWriteAt = row.get().markedAt();
        List<CollectionChange> changes = new ArrayList<>(namesChanged(mark, now));
        Divergence.Detector detector;
        String note = null;
        if (mark.hasStreamPositions()) {
            try {
                ForeignWrites writes = new StreamDetector(target).read(mark, now.names());
                merge(changes, writes.changes());
                if (writes.ttlDeletesIgnored() > 0) {
                    note = writes.ttlDeletesIgnored() + " deletions by TTL indexes ignored";
                }
                return result(Divergence.Detector.STREAM, lastWriteAt, note, changes);
            } catch (StreamDetector.Unusable e) {
                note = e.getMessage() + "; fell back to " + (mark.hasDigests() ? "the content fingerprint" : "counts and bounds");
                LOG.warn("event=guard.stream_unusable reason=\"{}\"", e.getMessage());
            }
        }
        if (mark.hasDigests()) {
            detector = Divergence.Detector.FINGERPRINT;
            merge(changes, new FingerprintDetector(target, batchSize).compare(mark, now));
        } else {
            detector = Divergence.Detector.COUNTS;
            merge(changes, new CountsDetector(target).compare(mark, now));
        }
        return result(detector, lastWriteAt, note, changes);
    }

    private static Divergence result(Divergence.Detector detector, Instant lastWriteAt, String note,
                                     List<CollectionChange> changes) {
        return new Divergence(detector, !changes.isEmpty(), lastWriteAt, note, List.copyOf(changes), false);
    }

    /** Collections created since the mark, and collections the mark had that are gone. */
    private static List<CollectionChange> namesChanged(StandbyMark mark, StandbyInventory now) {
        Set<String> then = new HashSet<>();
        mark.collections().forEach(collection -> then.add(collection.name()));
        List<CollectionChange> changes = new ArrayList<>();
        now.names().stream().filter(name -> !then.contains(name)).sorted().forEach(name -> changes.add(CollectionChange.createdNow(name)));
        then.stream().filter(name -> !now.names().contains(name)).sorted().forEach(name -> changes.add(CollectionChange.droppedNow(name)));
        return changes;
    }

    /** A detector's finding for a collection already known as created or dropped adds nothing new. */
    private static void merge(List<CollectionChange> changes, List<CollectionChange> found) {
        Set<String> known = new HashSet<>();
        changes.forEach(change -> known.add(change.name()));
        found.stream().filter(change -> !known.contains(change.name())).forEach(changes::add);
    }

    /**
     * Records where the standby stands now, after {@code runId}'s last write: the next check starts here.
     *
     * @param floor    the standby's clock before the run's first write
     * @param digestOf a collection's content digest as the run computed it, or null
     */
    public void mark(String runId, ClusterClock.Now floor, Function<String, String> digestOf) {
        marks.save(runId, Instant.now(), toJson(new MarkTaker(target).take(floor, digestOf)));
    }

    /** Where the standby stands now, without saving it (a failback pins it before its copy reads). */
    public StandbyMark markNow(ClusterClock.Now floor) {
        return new MarkTaker(target).take(floor, name -> null);
    }

    static StandbyMark parse(String json) {
        try {
            return JSON.readValue(json, StandbyMark.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored standby mark is unreadable", e);
        }
    }

    public static String toJson(StandbyMark mark) {
        try {
            return JSON.writeValueAsString(mark);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a standby mark always serialises", e);
        }
    }
}
