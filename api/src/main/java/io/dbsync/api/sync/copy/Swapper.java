package io.dbsync.api.sync.copy;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.RenameCollectionOptions;
import io.dbsync.api.sync.mongo.FailureMessages;
import io.dbsync.api.sync.plan.CollectionKind;
import io.dbsync.api.sync.plan.CollectionPlan;
import io.dbsync.api.sync.plan.SyncFailedException;
import org.bson.BsonDocument;
import org.bson.BsonString;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts verified staging collections in place of the standby's, one quick step each, in a tight
 * loop once every collection is staged — so each collection is wholly old or wholly new.
 */
final class Swapper {
    private final MongoDatabase target;
    private final StagingArea staging;

    Swapper(MongoDatabase target, StagingArea staging) {
        this.target = target;
        this.staging = staging;
    }

    /** Swaps every plan in; on failure the exception says which collections are already new. */
    List<String> swapAll(List<CollectionPlan> plans) {
        List<String> swapped = new ArrayList<>();
        for (CollectionPlan plan : plans) {
            try {
                swap(plan);
            } catch (RuntimeException e) {
                throw new SyncFailedException(failureMessage(plan, swapped, plans.size(), e), e);
            }
            swapped.add(plan.name());
        }
        return swapped;
    }

    /**
     * Says exactly which collections hold the new copy. A rename whose reply was lost may still have
     * been applied: one check of whether its staging collection is gone settles it.
     */
    private String failureMessage(CollectionPlan failed, List<String> swapped, int total, RuntimeException cause) {
        List<String> replaced = new ArrayList<>(swapped);
        String uncertain = "";
        try {
            boolean stagingGone = !target.listCollectionNames().into(new ArrayList<>()).contains(staging.nameFor(failed));
            if (stagingGone) {
                replaced.add(failed.name());
            }
        } catch (RuntimeException checkFailed) {
            uncertain = "; '" + failed.name() + "' may or may not have been replaced (the standby did not answer the check)";
        }
        return "swap of collection '" + failed.name() + "' failed: " + replaced.size() + " of " + total
                + " collections were replaced " + replaced + ", the others still hold the previous copy" + uncertain
                + " (" + FailureMessages.describe(cause) + ")";
    }

    private void swap(CollectionPlan plan) {
        MongoCollection<BsonDocument> staged = target.getCollection(staging.nameFor(plan), BsonDocument.class);
        MongoNamespace destination = new MongoNamespace(target.getName(), plan.name());
        if (plan.kind() == CollectionKind.TIMESERIES) {
            // renameCollection refuses time-series collections; $out replaces the target in one step.
            staged.aggregate(List.of(outStage(destination, plan.options()))).toCollection();
            staged.drop();
        } else {
            staged.renameCollection(destination, new RenameCollectionOptions().dropTarget(true));
        }
    }

    static BsonDocument outStage(MongoNamespace destination, BsonDocument options) {
        BsonDocument out = new BsonDocument("db", new BsonString(destination.getDatabaseName()))
                .append("coll", new BsonString(destination.getCollectionName()));
        if (options.containsKey("timeseries")) {
            out.append("timeseries", options.get("timeseries"));
        }
        return new BsonDocument("$out", out);
    }
}
