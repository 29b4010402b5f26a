package io.dbsync.api.sync;

import io.dbsync.api.config.SyncMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The run's one-line account of which mode ran and why. */
final class ModeReasons {
    private ModeReasons() {
    }

    static String describe(SyncMode requested, String ran, List<CollectionResult> results) {
        Map<String, Integer> byMethod = new TreeMap<>();
        results.forEach(result -> byMethod.merge(result.method(), 1, Integer::sum));
        StringBuilder text = new StringBuilder(requested.json()).append(" requested; ").append(ran).append(" ran");
        if (requested == SyncMode.FULL) {
            return text.append(": every collection copied into staging and swapped in").toString();
        }
        text.append(" (").append(byMethod.getOrDefault(CollectionResult.STREAM, 0)).append(" from change streams, ")
                .append(byMethod.getOrDefault(CollectionResult.DIGEST, 0)).append(" by content comparison, ")
                .append(byMethod.getOrDefault(CollectionResult.COPY, 0)).append(" copied in full)");
        for (CollectionResult result : results) {
            if (result.reason() != null) {
                text.append("; ").append(result.name()).append(": ").append(result.reason());
            }
        }
        return text.toString();
    }
}
