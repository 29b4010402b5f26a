package io.dbsync.api.sync;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;

/** Recreates the source's views on the standby as definitions ({@code viewOn} + pipeline), never their output. */
final class ViewWriter {
    private final MongoDatabase target;

    ViewWriter(MongoDatabase target) {
        this.target = target;
    }

    List<String> writeAll(List<CollectionPlan> views) {
        List<String> written = new ArrayList<>();
        for (CollectionPlan view : views) {
            target.getCollection(view.name()).drop();
            target.runCommand(StagingArea.createCommand(view.name(), view.options()));
            written.add(view.name());
        }
        return written;
    }
}
