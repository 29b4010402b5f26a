package io.dbsync.api.sync.plan;

/** How a task ended, short of failing the run: done and verified, or in need of a full copy instead. */
public sealed interface TaskOutcome {

    CollectionTask task();

    /** The collection is up to date and verified. */
    record Done(CollectionTask task, TaskFigures figures) implements TaskOutcome {
    }

    /** The method could not be used; {@code task} is the copy that replaces it (its reason says why). */
    record NeedsCopy(CollectionTask task) implements TaskOutcome {
        public NeedsCopy {
            if (task.method() != Method.COPY) {
                throw new IllegalArgumentException("a fallback to a copy is a copy task");
            }
        }
    }
}
