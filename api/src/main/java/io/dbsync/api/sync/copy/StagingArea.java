package io.dbsync.api.sync.copy;

import com.mongodb.client.MongoDatabase;
import io.dbsync.api.sync.plan.CollectionPlan;
import io.dbsync.api.sync.plan.StagingNames;
import java.util.ArrayList;
import java.util.List;

/** The staging collections of a run on the target: created with the source's options, dropped on failure. */
final class StagingArea implements Placement {
    private final MongoDatabase target;
    private final String runTag;
    private final int maxNameBytes;

    /** @param maxNamespaceBytes the standby's limit for {@code db.collection}, which a staging name must fit */
    StagingArea(MongoDatabase target, String runTag, int maxNamespaceBytes) {
        this.target = target;
        this.runTag = runTag;
        this.maxNameBytes = maxNamespaceBytes - target.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8).length - 1;
    }

    /** This run's staging collection for {@code plan}. */
    @Override
    public String nameFor(CollectionPlan plan) {
        return StagingNames.stagingFor(plan.name(), runTag, maxNameBytes);
    }

    /**
     * Creates the (empty) staging collection for {@code plan}. Leftovers of earlier runs are gone:
     * every run starts with {@link #dropAll()} under the run lock.
     */
    @Override
    public CollectionCreator.Created create(CollectionPlan plan) {
        return CollectionCreator.create(target, nameFor(plan), plan.options());
    }

    /**
     * Drops every staging collection on the target, this run's and any other's (left by a crash,
     * or by a holder that lost the lock); returns their names. Safe under the run lock only.
     */
    List<String> dropAll() {
        List<String> dropped = new ArrayList<>();
        for (String name : target.listCollectionNames()) {
            if (StagingNames.isStaging(name)) {
                target.getCollection(name).drop();
                dropped.add(name);
            }
        }
        return dropped;
    }

    /**
     * Drops only this run's staging collections: what a failed run cleans up. It must not touch
     * another run's, since a run that lost its lock may still be failing while the new holder copies.
     */
    List<String> dropOwn() {
        String ownSuffix = StagingNames.MARKER + "_" + runTag;
        List<String> dropped = new ArrayList<>();
        for (String name : target.listCollectionNames()) {
            if (name.endsWith(ownSuffix)) {
                target.getCollection(name).drop();
                dropped.add(name);
            }
        }
        return dropped;
    }
}
