package io.dbsync.testkit.atlas;

import de.bwaldvogel.mongo.bson.Document;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts the operations a profiled server answers and the waits its budget imposed. */
final class OperationCounters {
    private final LongAdder operations = new LongAdder();
    private final LongAdder insertedDocuments = new LongAdder();
    private final LongAdder delayedOperations = new LongAdder();
    private final LongAdder delayNanos = new LongAdder();
    private final Map<String, LongAdder> perCommand = new ConcurrentHashMap<>();

    void record(String command, Document query) {
        if (!Commands.isOperation(command)) {
            return;
        }
        operations.increment();
        perCommand.computeIfAbsent(command, name -> new LongAdder()).increment();
        if (Commands.key(command).equals("insert") && query.get("documents") instanceof List<?> documents) {
            insertedDocuments.add(documents.size());
        }
    }

    void recordDelay(long nanos) {
        delayedOperations.increment();
        delayNanos.add(nanos);
    }

    OperationCounts snapshot() {
        Map<String, Long> byCommand = new java.util.TreeMap<>();
        perCommand.forEach((name, count) -> byCommand.put(name, count.sum()));
        return new OperationCounts(operations.sum(), insertedDocuments.sum(), delayedOperations.sum(),
                Duration.ofNanos(delayNanos.sum()), byCommand);
    }
}
