package io.dbsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.dbsync.api.Application;
import io.dbsync.api.config.ApiConfig;
import io.dbsync.api.sync.ProgressListener;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The delta benchmark: after a full sync, 1 % and then 10 % of the documents are inserted, updated
 * and deleted (a third each) on the source, and a delta run brings the standby up to date — once
 * from change streams (a source server with its oplog on) and once by content comparison (a source
 * without change streams). Every run goes through {@code POST /syncdb} of the real API in this JVM;
 * the full-sync time it is compared with is measured in the same run on the same data. Writes are
 * the documents the run wrote plus those it deleted, from the run's own result.
 *
 * <p>The streamed source's oplog is switched on after the data is loaded, so it holds only what
 * happened since — as a real server's oplog holds recent history. The test server scans its whole
 * oplog on every change-stream request (a real server seeks to the resume point), so with the load
 * in the oplog each request costs time in proportion to the load; {@code --oplog-from-start}
 * measures that case too.
 *
 * <p>Usage: {@code ChurnBench --results DIR [--docs N] [--doc-bytes B] [--repeat R] [--oplog-from-start]};
 * writes {@code churn.json} and adds its figures to {@code latest.json}.
 */
public final class ChurnBench {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final long LIFETIME_SECONDS = 3600;
    private static final double[] CHURN = {0.01, 0.10};
    static final double STREAM_SPEEDUP_MIN = 10;
    static final double DIGEST_WRITES_MAX = 1.1;

    private ChurnBench() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path results = Path.of(args.get("results", "bench/results"));
        Path logDir = results.resolve("logs");
        Files.createDirectories(logDir);
        long docs = args.longValue("docs", 200_000);
        int docBytes = args.integer("doc-bytes", 1024);
        int repeat = args.integer("repeat", 3);
        boolean oplogFromStart = args.has("oplog-from-start");

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generatedAt", Instant.now().toString());
        out.put("docs", docs);
        out.put("docBytes", docBytes);
        out.put("repeat", repeat);
        long estimate = (long) (docs * docBytes * 1.2);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             // The oplog holds a copy of every write: the streamed source needs room for the data twice.
             ServerProcess streamed = ServerProcess.start("churn-streamed", BenchOptions.serverXmx(estimate, 2, 2.5), 0,
                     LIFETIME_SECONDS, logDir, oplogFromStart);
             ServerProcess plain = ServerProcess.start("churn-plain", BenchOptions.serverXmx(estimate, 1, 2.5), 0,
                     LIFETIME_SECONDS, logDir, false);
             ServerProcess target = ServerProcess.start("churn-target", BenchOptions.serverXmx(estimate, 4, 2.5), 0,
                     LIFETIME_SECONDS, logDir, false)) {
            String jdbc = postgres.getJdbcUrl("postgres", "postgres");
            DataGenerator generator = new DataGenerator(docs, docBytes);
            try (MongoClient a = MongoClients.create(streamed.uri("churn")); MongoClient b = MongoClients.create(plain.uri("churn"))) {
                DataLoader.Loaded loaded = DataLoader.load(generator, List.of(a.getDatabase("churn")), 2);
                DataLoader.load(generator, List.of(b.getDatabase("churn")), 2);
                out.put("bytes", loaded.bytes());
                if (!oplogFromStart) {
                    streamed.enableOplog();
                }
                out.put("oplog", oplogFromStart ? "on from the start: it holds the load, which the test server scans per request"
                        : "switched on after the load: it holds only the writes since");
                System.out.printf("churn: loaded %d docs (%.1f MB) into both sources%n", loaded.documents(), loaded.bytes() / 1e6);
            }
            out.put("stream", scenario("stream", streamed, target, jdbc, generator, repeat, true));
            out.put("digest", scenario("digest", plain, target, jdbc, generator, repeat, true));
            // The test server's updateLookup scans the collection for every update event (a real server
            // reads one document by _id), so the same stream runs once more with inserts and deletes only.
            out.put("streamNoUpdates", scenario("streamNoUpdates", streamed, target, jdbc, generator, repeat, false));
        }
        summarise(out);
        JSON.writeValue(results.resolve("churn.json").toFile(), out);
        mergeIntoLatest(results.resolve("latest.json"), out);
        print(out);
        System.exit(0);
    }

    /** Full syncs, then for each churn level: change the source, run a delta, record time and writes. */
    private static Map<String, Object> scenario(String name, ServerProcess source, ServerProcess target, String jdbc,
                                                DataGenerator generator, int repeat, boolean updates) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        String targetDb = "churn_" + name + "_standby";
        ApiConfig config = SyncRunner.config(new Args(new String[] {"--pg-jdbc", jdbc}), source.uri("churn"), "churn",
                target.uri(targetDb), targetDb);
        try (Application app = Application.start(config, ProgressListener.NONE);
             MongoClient client = MongoClients.create(source.uri("churn"))) {
            BenchApi api = new BenchApi(app);
            MongoDatabase sourceDb = client.getDatabase("churn");
            JsonNode first = sync(api, "{\"mode\":\"auto\"}");
            out.put("firstRun", Map.of("mode", first.path("mode").asText(), "seconds", first.path("durationMs").asDouble() / 1000));
            List<Double> full = new ArrayList<>();
            for (int i = 0; i < repeat; i++) {
                full.add(sync(api, "{\"mode\":\"full\"}").path("durationMs").asDouble() / 1000);
            }
            out.put("fullSyncSamples", full);
            out.put("fullSyncSeconds", Stats.median(full));
            SplittableRandom random = new SplittableRandom(42);
            // New documents' indexes start past the ones earlier scenarios on the same source inserted.
            long nextInsert = updates ? 0 : 10 * generator.counts().values().stream().mapToLong(Long::longValue).max().orElse(0);
            for (double churn : CHURN) {
                List<Double> seconds = new ArrayList<>();
                List<Long> writes = new ArrayList<>();
                List<Long> changed = new ArrayList<>();
                List<String> methods = new ArrayList<>();
                for (int i = 0; i < repeat; i++) {
                    SourceChurn.Churned churned = SourceChurn.churn(sourceDb, generator, churn, random, nextInsert, updates);
                    nextInsert = churned.nextInsert();
                    JsonNode delta = sync(api, "{\"mode\":\"delta\"}");
                    if (!"completed".equals(delta.path("status").asText())) {
                        throw new IllegalStateException("delta run did not complete: " + delta);
                    }
                    seconds.add(delta.path("durationMs").asDouble() / 1000);
                    long deleted = 0;
                    for (JsonNode collection : delta.path("collections")) {
                        deleted += collection.path("deleted").asLong();
                        methods.add(collection.path("method").asText());
                    }
                    writes.add(delta.path("documents").asLong() + deleted);
                    changed.add(churned.changed());
                }
                Map<String, Object> level = new LinkedHashMap<>();
                level.put("seconds", Stats.median(seconds));
                level.put("samples", seconds);
                level.put("writes", writes);
                level.put("changedDocuments", changed);
                level.put("writesOverChanged", Stats.round((double) writes.stream().mapToLong(Long::longValue).sum()
                        / changed.stream().mapToLong(Long::longValue).sum(), 3));
                level.put("methods", methods.stream().distinct().toList());
                level.put("fullOverDelta", Stats.round((double) out.get("fullSyncSeconds") / Stats.median(seconds), 2));
                out.put("churn" + Math.round(churn * 100) + "pct", level);
                System.out.printf("churn: %s delta at %.0f %%: %.3f s (full %.3f s), writes %s for %s changed%n", name,
                        churn * 100, Stats.median(seconds), (double) out.get("fullSyncSeconds"), writes, changed);
            }
        }
        return out;
    }

    private static JsonNode sync(BenchApi api, String body) throws Exception {
        HttpResponse<String> response = api.sync(body);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST /syncdb " + body + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static void summarise(Map<String, Object> out) {
        Map<String, Object> stream = cast(out.get("stream"));
        Map<String, Object> digest = cast(out.get("digest"));
        Map<String, Object> stream1 = cast(stream.get("churn1pct"));
        Map<String, Object> digest1 = cast(digest.get("churn1pct"));
        out.put("fullSyncSeconds", stream.get("fullSyncSeconds"));
        out.put("deltaStreamSeconds", stream1.get("seconds"));
        out.put("deltaStreamWritesOverChanged", stream1.get("writesOverChanged"));
        out.put("deltaDigestFullSyncSeconds", digest.get("fullSyncSeconds"));
        out.put("deltaDigestSeconds", digest1.get("seconds"));
        out.put("deltaDigestWritesOverChanged", digest1.get("writesOverChanged"));
        out.put("deltaStreamSeconds10pct", cast(stream.get("churn10pct")).get("seconds"));
        out.put("deltaDigestSeconds10pct", cast(digest.get("churn10pct")).get("seconds"));
        Map<String, Object> noUpdates = cast(out.get("streamNoUpdates"));
        Map<String, Object> noUpdates1 = cast(noUpdates.get("churn1pct"));
        out.put("deltaStreamNoUpdatesFullSyncSeconds", noUpdates.get("fullSyncSeconds"));
        out.put("deltaStreamNoUpdatesSeconds", noUpdates1.get("seconds"));
        out.put("deltaStreamNoUpdatesSeconds10pct", cast(noUpdates.get("churn10pct")).get("seconds"));
        Map<String, Object> targets = new LinkedHashMap<>();
        double streamSpeedup = (double) stream1.get("fullOverDelta");
        double digestSpeedup = (double) digest1.get("fullOverDelta");
        double digestWrites = (double) digest1.get("writesOverChanged");
        targets.put("fullSync / deltaStream at 1 % >= " + STREAM_SPEEDUP_MIN + " (measured " + streamSpeedup + ")",
                streamSpeedup >= STREAM_SPEEDUP_MIN ? "MET" : "MISSED");
        double noUpdatesSpeedup = (double) noUpdates1.get("fullOverDelta");
        targets.put("(inserts and deletes only) fullSync / deltaStream at 1 % >= " + STREAM_SPEEDUP_MIN + " (measured "
                + noUpdatesSpeedup + ")", noUpdatesSpeedup >= STREAM_SPEEDUP_MIN ? "MET" : "MISSED");
        targets.put("fullSync / deltaDigest at 1 % > 1 (measured " + digestSpeedup + ")", digestSpeedup > 1 ? "MET" : "MISSED");
        targets.put("deltaDigest writes / changed at 1 % <= " + DIGEST_WRITES_MAX + " (measured " + digestWrites + ")",
                digestWrites <= DIGEST_WRITES_MAX ? "MET" : "MISSED");
        out.put("targets", targets);
    }

    /** Adds the churn figures to latest.json under "churn" (their own generatedAt says which run they are from). */
    private static void mergeIntoLatest(Path latest, Map<String, Object> churn) throws java.io.IOException {
        ObjectNode root = Files.exists(latest) ? (ObjectNode) JSON.readTree(latest.toFile()) : JSON.createObjectNode();
        Map<String, Object> summary = new LinkedHashMap<>();
        churn.forEach((key, value) -> {
            if (!key.equals("stream") && !key.equals("digest") && !key.equals("streamNoUpdates")) {
                summary.put(key, value);
            }
        });
        summary.put("details", "churn.json");
        root.set("churn", JSON.valueToTree(summary));
        JSON.writeValue(latest.toFile(), root);
    }

    private static void print(Map<String, Object> out) {
        System.out.println();
        for (String key : List.of("docs", "fullSyncSeconds", "deltaStreamSeconds", "deltaStreamSeconds10pct",
                "deltaStreamWritesOverChanged", "deltaDigestFullSyncSeconds", "deltaDigestSeconds", "deltaDigestSeconds10pct",
                "deltaDigestWritesOverChanged", "deltaStreamNoUpdatesFullSyncSeconds", "deltaStreamNoUpdatesSeconds",
                "deltaStreamNoUpdatesSeconds10pct")) {
            System.out.printf("%-32s %12s%n", key, out.get(key));
        }
        cast(out.get("targets")).forEach((target, verdict) -> System.out.printf("%-72s %s%n", target, verdict));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
