package io.dbsync.api.sync;

import io.dbsync.api.config.SyncMode;
import io.dbsync.api.sync.plan.Method;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The run's one-line account of which mode ran and why. */
final class ModeReasons {
    private ModeReasons() {
    }

    static String describe(SyncMode requested, SyncMode ran, List<CollectionResult> results) {
        Map<Method, Integer> byMethod = new EnumMap<>(Method.class);
        results.forEach(result -> byMethod.merge(result.method(), 1, Integer::sum));
        StringBuilder text = new StringBuilder(requested.json()).append(" requested; ").append(ran.json()).append(" ran");
        int direct = byMethod.getOrDefault(Method.DIRECT, 0);
        if (requested == SyncMode.FULL) {
            text.append(": every collection copied in full");
            return (direct == 0 ? text.append(" into staging and swapped in")
                    : text.append(" (").append(direct).append(" straight into place: absent or empty on the standby)"))
                    .toString();
        }
        text.append(" (").append(byMethod.getOrDefault(Method.STREAM, 0)).append(" from change streams, ")
                .append(byMethod.getOrDefault(Method.COMPARE, 0)).append(" by content comparison, ")
                .append(byMethod.getOrDefault(Method.COPY, 0) + direct).append(" copied in full)");
        for (CollectionResult result : results) {
            if (result.reason() != null) {
                text.append("; ").append(result.name()).append(": ").append(result.reason());
            }
        }
        return text.toString();
    }
}
