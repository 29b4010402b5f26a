package io.dbsync.api.sync.copy;

import com.mongodb.client.MongoDatabase;
import io.dbsync.api.sync.plan.CollectionPlan;
import java.util.ArrayList;
import java.util.List;

/** Recreates the source's views on the standby as definitions ({@code viewOn} + pipeline), never their output. */
public final class ViewWriter {
    private final MongoDatabase target;

    public ViewWriter(MongoDatabase target) {
        this.target = target;
    }

    public List<String> writeAll(List<CollectionPlan> views) {
        List<String> written = new ArrayList<>();
        for (CollectionPlan view : views) {
            target.getCollection(view.name()).drop();
            target.runCommand(CollectionCreator.createCommand(view.name(), view.options()));
            written.add(view.name());
        }
        return written;
    }
}
