package io.dbsync.api.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbsync.api.testing.TestMongo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The copy's memory does not grow with the data: 10× the documents, same live heap, same small -Xmx. */
class MemoryFlatIT {
    private static final String XMX = "-Xmx64m";
    private static final Pattern RESULT = Pattern.compile("documents=(\\d+) peakLiveHeapBytes=(\\d+)");

    private record Probe(long documents, long peakLiveHeapBytes) {
    }

    @Test
    void liveHeapStaysFlatWhenTheDocumentCountGrowsTenfold() throws Exception {
        Probe small = probe(20_000);
        Probe large = probe(200_000);

        System.out.printf("case=memory-flat xmx=%s docs=%d peakLiveHeapMB=%.1f docs=%d peakLiveHeapMB=%.1f%n", XMX,
                small.documents(), small.peakLiveHeapBytes() / 1e6, large.documents(), large.peakLiveHeapBytes() / 1e6);
        assertThat(small.documents()).isEqualTo(20_000);
        assertThat(large.documents()).isEqualTo(200_000);
        // 200 MB of documents went through a 64 MB heap, and the live heap barely moved.
        assertThat(large.peakLiveHeapBytes()).isLessThan(small.peakLiveHeapBytes() * 3 / 2 + 8_000_000L);
    }

    private static Probe probe(int documents) throws Exception {
        try (TestMongo mongo = TestMongo.start()) {
            assumeTrue(mongo.isEmbedded(), "measures with the embedded servers; a real MongoDB run is the benchmark's job");
            String padding = "x".repeat(1_000);
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < documents; i++) {
                batch.add(new Document("_id", i).append("n", i).append("payload", padding));
                if (batch.size() == 2_000) {
                    mongo.sourceDb().getCollection("events").insertMany(batch);
                    batch.clear();
                }
            }
            return run(mongo);
        }
    }

    private static Probe run(TestMongo mongo) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, XMX, "-cp", System.getProperty("java.class.path"),
                MemoryProbe.class.getName(), mongo.source().uri(), mongo.target().uri(),
                mongo.source().database(), mongo.target().database())
                .redirectErrorStream(true).start();
        String output;
        try (var stream = process.getInputStream()) {
            output = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the probe finished in time").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Matcher matcher = RESULT.matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
        return new Probe(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
    }
}
