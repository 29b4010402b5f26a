package io.dbsync.api.sync;

/** One step of a run (plan, guard, storage, write, views, mark): how long it took and the operations it sent. */
public record RunPhase(String name, long ms, long sourceOperations, long standbyOperations) {
}
