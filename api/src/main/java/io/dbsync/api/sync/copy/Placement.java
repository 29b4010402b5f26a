package io.dbsync.api.sync.copy;

import io.dbsync.api.sync.plan.CollectionPlan;

/** Where a copy writes a collection: into this run's staging, or straight into place. */
interface Placement {

    /** Creates the (empty) collection the copy writes into, with the source's options. */
    CollectionCreator.Created create(CollectionPlan plan);

    /** The name of the collection the copy writes into. */
    String nameFor(CollectionPlan plan);

    /**
     * Whether the copy writes the standby's own collection: then every write first checks the run
     * still holds its lock, as a swap does, since no swap comes after to check it.
     */
    default boolean inPlace() {
        return false;
    }
}
