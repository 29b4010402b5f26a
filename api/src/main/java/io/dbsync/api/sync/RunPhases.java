package io.dbsync.api.sync;

import io.dbsync.api.sync.mongo.Operations;
import java.util.ArrayList;
import java.util.List;

/** Times a run's steps and counts the operations each sent, to tell where a run's time and round trips go. */
final class RunPhases {
    private final Operations operations;
    private final List<RunPhase> done = new ArrayList<>();
    private String current;
    private long startedNanos;
    private long[] startedOperations;

    RunPhases(Operations operations) {
        this.operations = operations;
    }

    /** Ends the step in progress, if any, and starts {@code name}. */
    synchronized void enter(String name) {
        end();
        current = name;
        startedNanos = System.nanoTime();
        startedOperations = operations.totals();
    }

    /** Ends the step in progress. */
    synchronized void end() {
        if (current != null) {
            long[] now = operations.totals();
            done.add(new RunPhase(current, (System.nanoTime() - startedNanos) / 1_000_000, now[0] - startedOperations[0],
                    now[1] - startedOperations[1]));
            current = null;
        }
    }

    synchronized List<RunPhase> phases() {
        return List.copyOf(done);
    }
}
