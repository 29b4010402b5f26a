package io.dbsync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dbsync.api.Application;
import io.dbsync.api.config.ApiConfig;
import io.dbsync.api.sync.ProgressListener;
import io.dbsync.testkit.atlas.AtlasProfile;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Issue 14's benchmark ({@code bench/run.sh --profile atlas-m0}): a standby that behaves like an Atlas
 * free cluster (testkit's profile in the standby's {@link BenchServer}: storage quota, 100 operations/s),
 * a source database generated to fill {@code --fill} (60 %) of the quota as the profile counts it, and
 * three runs of the real API in this JVM: a bootstrap onto the empty standby ({@code auto}), a
 * {@code full} run, and a {@code delta} after {@code --churn-share} (1 %) of the documents changed. Each run
 * goes through the relays, which count requests and bytes; the standby's profile counts operations.
 * A run that fails (the quota, code 8000) is recorded with its error, and the next run is still made.
 *
 * <p>Options: {@code --profile atlas-m0|atlas-flex}, {@code --quota-mb N} (default the tier's), {@code
 * --ops-per-second N} (default the tier's), {@code --fill 0.6}, {@code --churn-share 0.01}, {@code --doc-bytes},
 * {@code --rtt-ms} (default 0), {@code --results DIR}. Writes {@code <profile>.json} in the results.
 */
public final class AtlasBench {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final long LIFETIME_SECONDS = 3 * 3600;
    static final String DB = "bench_atlas";

    private AtlasBench() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path results = Path.of(args.get("results", "bench/results"));
        Path logDir = results.resolve("logs").resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-atlas");
        Files.createDirectories(logDir);
        AtlasProfile base = AtlasProfile.named(args.get("profile", "atlas-m0"));
        long quotaMb = args.longValue("quota-mb", base.quotaMegabytes());
        int opsPerSecond = args.integer("ops-per-second", base.opsPerSecond());
        double fill = Double.parseDouble(args.get("fill", "0.6"));
        double churnShare = Double.parseDouble(args.get("churn-share", "0.01"));
        int docBytes = args.integer("doc-bytes", 1024);
        double rttMs = Double.parseDouble(args.get("rtt-ms", "0"));
        long oneWayMicros = Math.round(rttMs * 1000 / 2);
        long quotaBytes = quotaMb * AtlasProfile.MEGABYTE;
        long dataEstimate = (long) (quotaBytes * fill);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generatedAt", Instant.now().toString());
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("rttMs", rttMs);
        ServerSpec standbySpec = ServerSpec.plain("atlas-standby", oneWayMicros, LIFETIME_SECONDS)
                .withAtlas(base.name(), quotaMb, opsPerSecond);
        out.put("profile", standbySpec.profile().describe());
        out.put("quotaBytes", quotaBytes);
        out.put("fill", fill);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             ServerProcess source = ServerProcess.start(ServerSpec.plain("atlas-source", oneWayMicros, LIFETIME_SECONDS),
                     BenchOptions.serverXmx(dataEstimate, 1, 2.5), logDir);
             ServerProcess standby = ServerProcess.start(standbySpec, BenchOptions.serverXmx(dataEstimate, 2, 2.5), logDir)) {
            AtlasSizing.Sized sized = AtlasSizing.size(standby, docBytes, 3_000, quotaBytes, fill);
            out.put("sizing", sized);
            System.out.printf("atlas: %s; %.0f profile bytes per document -> %d documents (~%.1f MB of %d MB)%n",
                    standbySpec.profile().describe(), sized.profileBytesPerDocument(), sized.documents(),
                    sized.estimatedStandbyBytes() / (double) AtlasProfile.MEGABYTE, quotaMb);
            DataGenerator generator = new DataGenerator(sized.documents(), docBytes);
            try (MongoClient client = MongoClients.create(source.uri(DB))) {
                DataLoader.Loaded loaded = DataLoader.load(generator, List.of(client.getDatabase(DB)), 2);
                out.put("docs", loaded.documents());
                out.put("bsonBytes", loaded.bytes());
                System.out.printf("atlas: loaded %d documents, %.1f MB of BSON, into the source%n", loaded.documents(),
                        loaded.bytes() / 1e6);
            }
            ApiConfig config = SyncRunner.config(new Args(new String[] {"--pg-jdbc", postgres.getJdbcUrl("postgres", "postgres"),
                    "--storage-limit-mb", Long.toString(quotaMb)}), source.relayUri(DB), DB, standby.relayUri(DB), DB);
            out.put("steps", steps(config, new RelayProbe(RelayProbe.ports(source, standby), rttMs), source, generator,
                    churnShare, quotaBytes));
        }
        Path file = results.resolve(base.name() + ".json");
        JSON.writeValue(file.toFile(), out);
        AtlasReport.print(out);
        System.out.println("atlas: wrote " + file + "; logs in " + logDir);
        System.exit(0);
    }

    private static List<Map<String, Object>> steps(ApiConfig config, RelayProbe probe, ServerProcess source,
                                                   DataGenerator generator, double churnShare, long quotaBytes)
            throws Exception {
        List<Map<String, Object>> steps = new ArrayList<>();
        try (Application app = Application.start(config, ProgressListener.NONE);
             MongoClient client = MongoClients.create(source.uri(DB))) {
            BenchApi api = new BenchApi(app);
            steps.add(step(api, probe, "bootstrap onto the empty standby", "{\"mode\":\"auto\"}", quotaBytes));
            steps.add(step(api, probe, "full run", "{\"mode\":\"full\"}", quotaBytes));
            SourceChurn.Churned churned = SourceChurn.churn(client.getDatabase(DB), generator, churnShare,
                    new SplittableRandom(14), 0, true);
            Map<String, Object> delta = step(api, probe, "delta after " + churnShare * 100 + " % churn",
                    "{\"mode\":\"delta\"}", quotaBytes);
            delta.put("changedDocuments", churned.changed());
            steps.add(delta);
        }
        return steps;
    }

    /** One run: its answer, the relays' requests and bytes, and what the standby's profile counted. */
    private static Map<String, Object> step(BenchApi api, RelayProbe probe, String name, String body, long quotaBytes)
            throws Exception {
        System.out.println("atlas: " + name + " " + body + " ...");
        RelayProbe.Before before = probe.before();
        long started = System.nanoTime();
        var response = api.sync(body);
        double seconds = Stats.seconds(started);
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("step", name);
        step.put("body", body);
        step.put("httpStatus", response.statusCode());
        step.putAll(RunFigures.of(JSON.readTree(response.body()), seconds));
        Map<String, Object> relay = probe.after(before);
        Map<String, Map<String, Object>> after = probe.read(-1);
        step.put("standby", AtlasReport.profileDelta(before.status().get("target"), after.get("target"), quotaBytes));
        step.put("wire", AtlasReport.wire(relay));
        step.put("relay", relay);
        System.out.println("atlas: " + name + " -> " + step.get("status") + " in " + step.get("seconds") + " s"
                + (step.containsKey("error") ? ": " + step.get("error") : ""));
        return step;
    }
}
