package io.dbsync.api.sync;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Live figures of one run, written by the copy threads and read by the HTTP threads. */
public final class RunProgress {
    private final String runId;
    private final ProgressListener listener;
    private final List<String> done = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> documentsByCollection = new ConcurrentHashMap<>();
    private final AtomicLong documents = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    public RunProgress(String runId, ProgressListener listener) {
        this.runId = runId;
        this.listener = listener;
    }

    void batchWritten(String collection, long batchDocuments, long batchBytes) {
        documents.addAndGet(batchDocuments);
        bytes.addAndGet(batchBytes);
        long soFar = documentsByCollection.computeIfAbsent(collection, name -> new AtomicLong()).addAndGet(batchDocuments);
        listener.batchWritten(runId, collection, soFar);
    }

    void collectionDone(String collection) {
        done.add(collection);
    }

    /** Collections copied and verified so far, in the order they finished. */
    public List<String> done() {
        return List.copyOf(done);
    }

    public long documents() {
        return documents.get();
    }

    public long bytes() {
        return bytes.get();
    }
}
