package io.dbsync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client-side measurement in a fresh JVM: {@code scan}, {@code insert-limit} or {@code seed}.
 * Each first does the same work once on the small warm-up database (direct connection) so that
 * the timed pass runs JIT-compiled code, as the long-running API service does. Prints
 * {@code RESULT <json>}.
 */
public final class ClientTask {
    private ClientTask() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Lifeline.start("client-" + args.get("mode"), Duration.ofSeconds(args.longValue("max-seconds", 7200)));
        Map<String, Object> result = switch (args.get("mode")) {
            case "scan" -> scan(args);
            case "insert-limit" -> insertLimit(args);
            case "seed" -> seed(args);
            default -> throw new IllegalArgumentException("unknown --mode " + args.get("mode"));
        };
        System.out.println("RESULT " + new ObjectMapper().writeValueAsString(result));
        System.exit(0);
    }

    private static Map<String, Object> scan(Args args) {
        int batch = args.integer("batch-docs", 1000);
        int repeat = args.integer("repeat", 1);
        try (MongoClient source = MongoClients.create(args.get("source-uri"))) {
            RawScan.run(source.getDatabase(args.get("warmup-db")), batch);
            CpuMeter cpu = new CpuMeter(args.get("cpu-pids", ""));
            List<Double> seconds = new ArrayList<>();
            RawScan.Result last = null;
            for (int i = 0; i < repeat; i++) {
                cpu.begin();
                last = RawScan.run(source.getDatabase(args.get("source-db")), batch);
                cpu.end();
                seconds.add(last.seconds());
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("seconds", Stats.median(seconds));
            result.put("samples", seconds);
            result.put("documents", last.documents());
            result.put("bytes", last.bytes());
            result.put("timedCpuSeconds", cpu.report());
            return result;
        }
    }

    private static Map<String, Object> insertLimit(Args args) throws Exception {
        int batchDocs = args.integer("batch-docs", 1000);
        long batchBytes = args.longValue("batch-bytes", 8L * 1024 * 1024);
        int parallel = args.integer("parallel-collections", 2);
        int writers = args.integer("writers", 2);
        int repeat = args.integer("repeat", 1);
        try (MongoClient source = MongoClients.create(args.get("source-uri"));
             MongoClient target = MongoClients.create(args.get("target-uri"))) {
            MongoDatabase scratch = target.getDatabase(args.get("target-db"));
            var warm = InsertLimit.materialise(source.getDatabase(args.get("warmup-db")), batchDocs, batchBytes);
            InsertLimit.engineShape(scratch, warm, parallel, writers);
            InsertLimit.flat(scratch, warm, parallel * writers);
            warm = null;

            var batches = InsertLimit.materialise(source.getDatabase(args.get("source-db")), batchDocs, batchBytes);
            List<Double> engine = new ArrayList<>();
            List<Double> flat = new ArrayList<>();
            CpuMeter engineCpu = new CpuMeter(args.get("cpu-pids", ""));
            CpuMeter flatCpu = new CpuMeter(args.get("cpu-pids", ""));
            for (int i = 0; i < repeat; i++) {
                System.gc();
                engineCpu.begin();
                engine.add(InsertLimit.engineShape(scratch, batches, parallel, writers));
                engineCpu.end();
                System.gc();
                flatCpu.begin();
                flat.add(InsertLimit.flat(scratch, batches, parallel * writers));
                flatCpu.end();
            }
            scratch.drop();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("seconds", Math.min(Stats.median(engine), Stats.median(flat)));
            result.put("engineShapeSeconds", Stats.median(engine));
            result.put("flatSeconds", Stats.median(flat));
            result.put("engineShapeSamples", engine);
            result.put("flatSamples", flat);
            result.put("batches", batches.stream().mapToInt(b -> b.batches().size()).sum());
            boolean engineWins = Stats.median(engine) <= Stats.median(flat);
            result.put("timedCpuSeconds", (engineWins ? engineCpu : flatCpu).report());
            result.put("engineShapeCpuSeconds", engineCpu.report());
            result.put("flatCpuSeconds", flatCpu.report());
            return result;
        }
    }

    private static Map<String, Object> seed(Args args) throws Exception {
        int batch = args.integer("batch-docs", 1000);
        try (MongoClient warmSource = MongoClients.create(args.get("warmup-source-uri"));
             MongoClient warmTarget = MongoClients.create(args.get("warmup-target-uri"))) {
            SeedAlgorithm.run(warmSource.getDatabase(args.get("warmup-db")),
                    warmTarget.getDatabase(args.get("warmup-db") + "_seed"), batch);
            warmTarget.getDatabase(args.get("warmup-db") + "_seed").drop();
        }
        try (MongoClient source = MongoClients.create(args.get("source-uri"));
             MongoClient target = MongoClients.create(args.get("target-uri"))) {
            CpuMeter cpu = new CpuMeter(args.get("cpu-pids", ""));
            RelayProbe probe = RelayProbe.of(args);
            RelayProbe.Before before = probe.active() ? probe.before() : null;
            cpu.begin();
            SeedAlgorithm.Result run = SeedAlgorithm.run(source.getDatabase(args.get("source-db")),
                    target.getDatabase(args.get("target-db")), batch);
            cpu.end();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("seconds", run.seconds());
            result.put("documents", run.documents());
            result.put("readSeconds", run.readSeconds());
            result.put("deleteSeconds", run.deleteSeconds());
            result.put("insertSeconds", run.insertSeconds());
            result.put("timedCpuSeconds", cpu.report());
            if (before != null) {
                result.put("relay", probe.after(before));
            }
            return result;
        }
    }
}
