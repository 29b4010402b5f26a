package io.dbsync.api.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import io.dbsync.api.sync.plan.CollectionKind;
import io.dbsync.api.sync.plan.CollectionPlan;
import io.dbsync.api.sync.plan.Method;
import io.dbsync.api.sync.plan.TaskFigures;
import io.dbsync.api.sync.plan.TaskOutcome;

/**
 * What a run did to one collection.
 *
 * @param type         {@code collection}, {@code view} or {@code timeseries}
 * @param method       {@code copy} (staged full copy, swapped in), {@code stream} (changes from the
 *                     change stream, applied in place), {@code digest} (contents compared, the difference
 *                     applied in place) or {@code definition} (a view)
 * @param reason       why this method was used, when the run's mode alone does not say it (a fallback)
 * @param documents    documents written to the standby (a copy: all of them; a delta: new and changed ones)
 * @param deleted      documents a delta removed from the standby
 * @param bytes        raw BSON bytes written
 * @param indexes      indexes on the collection besides {@code _id}
 * @param verified     the checks of {@code verification} passed: a copy's documents read = written = counted on
 *                     staging, a delta's standby count = the source's, equal index specs, and with {@code digest}
 *                     equal content digests
 * @param verification {@code count}, {@code digest}, or {@code definition} for a view: which checks {@code verified}
 *                     stands for
 * @param droppedOptions source collection options the standby refused (Atlas's shared tiers refuse {@code storageEngine}),
 *                     dropped instead of failing the run
 * @param operations   commands the run sent to both servers for this collection (each a round trip)
 */
public record CollectionResult(String name, CollectionKind type, Method method, String reason, long documents, long deleted,
                               long bytes, int indexes, long durationMs, boolean verified, String verification,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> droppedOptions, long operations) {

    /** A collection brought up to date and verified, by whichever method its task names. */
    public static CollectionResult of(TaskOutcome.Done done) {
        TaskFigures figures = done.figures();
        CollectionPlan plan = done.task().plan();
        return new CollectionResult(plan.name(), plan.kind(), done.task().method(), done.task().reason(),
                figures.documents(), figures.deleted(), figures.bytes(), figures.indexes(), figures.durationMs(), true,
                figures.verification().json(), figures.droppedOptions(), 0);
    }

    /** A view, recreated from its definition. */
    public static CollectionResult view(CollectionPlan view) {
        return new CollectionResult(view.name(), CollectionKind.VIEW, Method.VIEW, null, 0, 0, 0, 0, 0, true,
                Method.VIEW.json(), List.of(), 0);
    }

    /** The same, with the operations the run sent for this collection. */
    CollectionResult withOperations(long count) {
        return new CollectionResult(name, type, method, reason, documents, deleted, bytes, indexes, durationMs, verified,
                verification, droppedOptions, count);
    }
}
