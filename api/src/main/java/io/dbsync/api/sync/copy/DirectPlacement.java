package io.dbsync.api.sync.copy;

import com.mongodb.client.MongoDatabase;
import io.dbsync.api.sync.plan.CollectionPlan;
import io.dbsync.api.sync.plan.SyncFailedException;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies straight into place: for a collection absent or empty on the standby there is nothing to
 * protect, so there is no staging and no doubled storage. The (empty) standby collection is
 * replaced by one with the source's options. A failed run drops what it placed, so the collection
 * is absent again and the next run copies it anew.
 */
final class DirectPlacement implements Placement {
    private final MongoDatabase target;
    private final List<String> placed = new ArrayList<>();

    DirectPlacement(MongoDatabase target) {
        this.target = target;
    }

    @Override
    public String nameFor(CollectionPlan plan) {
        return plan.name();
    }

    @Override
    public boolean inPlace() {
        return true;
    }

    @Override
    public synchronized CollectionCreator.Created create(CollectionPlan plan) {
        if (target.listCollectionNames().into(new ArrayList<>()).contains(plan.name())) {
            // Checked again now, not only when the run was planned: never drop a document.
            if (target.getCollection(plan.name()).countDocuments() > 0) {
                throw new SyncFailedException("collection '" + plan.name() + "' was empty on the standby when the run was"
                        + " planned and holds documents now; the next run copies it through staging");
            }
            target.getCollection(plan.name()).drop();
        }
        placed.add(plan.name());
        return CollectionCreator.create(target, plan.name(), plan.options());
    }

    /** After a failure: drops what this run placed (the collections were absent or empty before it). */
    synchronized List<String> dropPlaced() {
        List<String> dropped = new ArrayList<>();
        for (String name : placed) {
            target.getCollection(name).drop();
            dropped.add(name);
        }
        placed.clear();
        return dropped;
    }
}
