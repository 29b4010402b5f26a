package io.dbsync.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools anchor (issue 17), when {@code --mongo-tools DIR} is given: {@link AnchorRunner} on the
 * anchor database, or a record that it was skipped and why.
 */
final class AnchorScenario {
    static final String DB = "bench_tools";

    private AnchorScenario() {
    }

    static Map<String, Object> skipped() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("skipped", true);
        out.put("reason", "no --mongo-tools DIR given: the mongodump | mongorestore anchor was not measured");
        return out;
    }

    static Map<String, Object> run(Measurements measure, ChildArgs args, BenchOptions options, ServerProcess source,
                                   ServerProcess target, DataLoader.Loaded loaded) throws Exception {
        String version;
        try {
            version = ToolsPipe.check(options.mongoTools());
        } catch (IllegalArgumentException e) {
            return Measurements.failed("tools-anchor", e);
        }
        Map<String, Object> result = measure.measure("tools-anchor", options.syncXmx(), AnchorRunner.class.getName(),
                args.anchor(source, target, DB, measure.logDir()), options.retryNoisy());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mongoTools", version);
        out.put("docs", loaded.documents());
        out.put("bytes", loaded.bytes());
        out.put("collections", DataGenerator.TWO_COLLECTIONS.stream().map(DataGenerator.Spec::name).toList());
        for (String key : List.of("toolsPipeSeconds", "fullSyncSeconds", "toolsOverFullSync", "toolsPipeRange",
                "fullSyncRange", "toolsOverFullSyncPerPair", "error", "noisy")) {
            if (result.containsKey(key)) {
                out.put(key, result.get(key));
            }
        }
        out.put("details", result);
        return out;
    }
}
