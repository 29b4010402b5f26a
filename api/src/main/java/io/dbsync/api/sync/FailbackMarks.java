package io.dbsync.api.sync;

import com.mongodb.client.MongoDatabase;
import io.dbsync.api.store.StandbyMarks;
import io.dbsync.api.store.StandbyStates;
import io.dbsync.api.sync.guard.DivergenceGuard;
import io.dbsync.api.sync.guard.StandbyMark;
import io.dbsync.api.sync.mongo.ClusterClock;

/**
 * A failback copies a standby that went live onto a new primary. Its writes are then kept there,
 * so the standby may be overwritten again — from where it stood when the copy began reading, not
 * later: a write the app makes on the standby after that moment is still foreign, and the next run
 * refuses. Taken before the copy reads; saved only once the copy completed.
 */
public final class FailbackMarks {
    private final StandbyMarks marks;
    private final StandbyStates states;
    private final StandbyMark before;

    private FailbackMarks(StandbyMarks marks, StandbyStates states, StandbyMark before) {
        this.marks = marks;
        this.states = states;
        this.before = before;
    }

    /**
     * Where {@code source} stands now, when it is a standby dbsync manages (it has a mark); otherwise
     * a copy from it changes nothing of its guard.
     */
    public static FailbackMarks beforeCopy(MongoDatabase source, StandbyMarks marks, StandbyStates states, int batchSize) {
        if (marks.find().isEmpty()) {
            return new FailbackMarks(marks, states, null);
        }
        StandbyMark mark = new DivergenceGuard(source, marks, batchSize).markNow(ClusterClock.now(source));
        return new FailbackMarks(marks, states, mark);
    }

    public boolean isFailback() {
        return before != null;
    }

    /** The copy completed: the standby's state before it is now safe to overwrite. */
    public void afterCompletedCopy(String runId, String copiedTo, String operator) {
        if (before == null) {
            return;
        }
        marks.save(runId, java.time.Instant.now(), DivergenceGuard.toJson(before));
        states.converged("failback", "copied to " + copiedTo + " by run " + runId, operator);
    }
}
