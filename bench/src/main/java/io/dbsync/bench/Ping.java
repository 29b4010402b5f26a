package io.dbsync.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** The measured round trip of a {@code ping} command, to show what the relay adds. */
final class Ping {
    private Ping() {
    }

    /** Median milliseconds of {@code samples} pings after a short warm-up. */
    static double medianMillis(String uri, int samples) {
        try (MongoClient client = MongoClients.create(uri)) {
            var admin = client.getDatabase("admin");
            Document ping = new Document("ping", 1);
            for (int i = 0; i < 50; i++) {
                admin.runCommand(ping);
            }
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                long started = System.nanoTime();
                admin.runCommand(ping);
                millis.add((System.nanoTime() - started) / 1e6);
            }
            return Stats.median(millis);
        }
    }
}
