package io.dbsync.api.sync;

import io.dbsync.api.sync.plan.CollectionKind;
import io.dbsync.api.sync.plan.CollectionPlan;
import io.dbsync.api.sync.plan.TaskProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Live figures of one run, written by the copy threads and read by the HTTP threads. */
public final class RunProgress implements TaskProgress {
    private final String runId;
    private final ProgressListener listener;
    private final List<String> done = new CopyOnWriteArrayList<>();
    private final List<CollectionPlan> planned = new CopyOnWriteArrayList<>();
    private final Map<String, Figures> figures = new ConcurrentHashMap<>();
    private final AtomicLong documents = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong sourceBytesRead = new AtomicLong();
    private final AtomicLong standbyBytesRead = new AtomicLong();

    /** One collection's counters; {@code state} moves queued → copying → staged. */
    private static final class Figures {
        final AtomicLong documents = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        volatile String state = "queued";
    }

    public RunProgress(String runId, ProgressListener listener) {
        this.runId = runId;
        this.listener = listener;
    }

    void planned(List<CollectionPlan> plans) {
        plans.stream().filter(plan -> plan.kind() != CollectionKind.VIEW).forEach(plan -> {
            planned.add(plan);
            figures.put(plan.name(), new Figures());
        });
    }

    @Override
    public void started(CollectionPlan plan) {
        figures.computeIfAbsent(plan.name(), name -> new Figures()).state = "copying";
    }

    @Override
    public void written(String collection, long batchDocuments, long batchBytes) {
        documents.addAndGet(batchDocuments);
        bytes.addAndGet(batchBytes);
        Figures collectionFigures = figures.computeIfAbsent(collection, name -> new Figures());
        collectionFigures.bytes.addAndGet(batchBytes);
        long soFar = collectionFigures.documents.addAndGet(batchDocuments);
        listener.batchWritten(runId, collection, soFar);
    }

    @Override
    public void finished(String collection) {
        Figures collectionFigures = figures.get(collection);
        if (collectionFigures != null) {
            collectionFigures.state = "staged";
        }
        done.add(collection);
    }

    /** Collections copied and verified so far, in the order they finished. */
    public List<String> done() {
        return List.copyOf(done);
    }

    /** Per-collection figures against the source's estimates, in plan order (largest first). */
    public List<CollectionProgress> collections() {
        List<CollectionProgress> snapshot = new ArrayList<>();
        for (CollectionPlan plan : planned) {
            Figures f = figures.get(plan.name());
            snapshot.add(new CollectionProgress(plan.name(), f.state, f.documents.get(), f.bytes.get(),
                    plan.estimatedDocuments(), plan.estimatedBytes()));
        }
        return snapshot;
    }

    public long documents() {
        return documents.get();
    }

    public long bytes() {
        return bytes.get();
    }

    @Override
    public void sourceRead(long byteCount) {
        sourceBytesRead.addAndGet(byteCount);
    }

    @Override
    public void standbyRead(long byteCount) {
        standbyBytesRead.addAndGet(byteCount);
    }

    public long sourceBytesRead() {
        return sourceBytesRead.get();
    }

    public long standbyBytesRead() {
        return standbyBytesRead.get();
    }
}
