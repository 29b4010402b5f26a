package io.dbsync.testkit.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The operations budget queues what exceeds it and fails nothing. Measured behaviour of the profile:
 * the lower bounds follow from the budget, the upper bounds only catch a hang.
 */
class OperationsBudgetTest {

    @Test
    void delaysOperationsOverTheBudgetAndFailsNone() {
        int budget = 20;
        int operations = 60;
        try (ProfiledServer atlas = ProfiledServer.start(AtlasProfile.m0().withOpsPerSecond(budget))) {
            MongoDatabase shop = atlas.client.getDatabase("shop");

            long started = System.nanoTime();
            for (int i = 0; i < operations; i++) {
                assertThat(shop.runCommand(new Document("dbStats", 1)).get("ok")).isEqualTo(1.0);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            double atLeastSeconds = (double) (operations - budget) / budget;
            assertThat(took.toMillis()).isGreaterThanOrEqualTo((long) (atLeastSeconds * 1000 * 0.9)).isLessThan(30_000);
            assertThat(atlas.server.operations().operations()).isEqualTo(operations);
            assertThat(atlas.server.operations().delayedOperations()).isGreaterThanOrEqualTo(operations - budget - 2);
        }
    }

    @Test
    void severalClientsUnderTheBudgetAllComplete() throws Exception {
        int budget = 50;
        int clients = 4;
        int perClient = 30;
        try (AtlasServer server = AtlasServer.start(AtlasProfile.m0().withOpsPerSecond(budget))) {
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                List<Future<Integer>> done = new ArrayList<>();
                long started = System.nanoTime();
                for (int c = 0; c < clients; c++) {
                    String collection = "c" + c;
                    done.add(pool.submit(() -> insertEach(server, collection, perClient)));
                }
                for (Future<Integer> client : done) {
                    assertThat(client.get(60, TimeUnit.SECONDS)).isEqualTo(perClient);
                }
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

                assertThat(tookMillis).isGreaterThanOrEqualTo((long) ((clients * perClient - budget) * 1000.0 / budget * 0.9));
                assertThat(server.operations().perCommand()).containsEntry("insert", (long) clients * perClient);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * A waiting operation holds no thread: with more busy connections than mongo-java-server has event
     * loops (two per core), every loop serves some of them, and a ping still comes back at once.
     */
    @Test
    void answersOtherConnectionsWhileSomeWaitForTheBudget() throws Exception {
        int busyClients = 4 * Runtime.getRuntime().availableProcessors();
        try (AtlasServer server = AtlasServer.start(AtlasProfile.m0().withOpsPerSecond(20));
             MongoClient observer = ProfiledServer.newClient(server)) {
            observer.getDatabase("admin").runCommand(new Document("ping", 1)); // connect before the queue builds up
            ExecutorService pool = Executors.newFixedThreadPool(busyClients);
            try {
                List<Future<Integer>> busy = new ArrayList<>();
                for (int c = 0; c < busyClients; c++) {
                    String collection = "busy" + c;
                    busy.add(pool.submit(() -> insertEach(server, collection, 12)));
                }
                waitUntilDelayed(server, busyClients);

                long started = System.nanoTime();
                observer.getDatabase("admin").runCommand(new Document("ping", 1));
                long pingMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

                assertThat(pingMillis).isLessThan(500); // the queued operations take seconds more
                for (Future<Integer> client : busy) {
                    assertThat(client.get(60, TimeUnit.SECONDS)).isEqualTo(12);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void countsOneOperationPerInsertBatchAndNoneForTheHandshake() {
        try (ProfiledServer atlas = ProfiledServer.unthrottled(AtlasProfile.m0())) {
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 2_500; i++) {
                batch.add(new Document("_id", i));
            }

            atlas.client.getDatabase("shop").getCollection("orders").insertMany(batch);

            OperationCounts counts = atlas.server.operations();
            assertThat(counts.operations()).isEqualTo(1);
            assertThat(counts.perCommand()).containsExactlyEntriesOf(java.util.Map.of("insert", 1L));
            assertThat(counts.insertedDocuments()).isEqualTo(2_500);
        }
    }

    private static int insertEach(AtlasServer server, String collection, int count) {
        try (MongoClient client = ProfiledServer.newClient(server)) {
            for (int i = 0; i < count; i++) {
                client.getDatabase("shop").getCollection(collection).insertOne(new Document("_id", i));
            }
            return (int) client.getDatabase("shop").getCollection(collection).countDocuments();
        }
    }

    private static void waitUntilDelayed(AtlasServer server, long operations) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.operations().delayedOperations() < operations) {
            assertThat(System.nanoTime()).as("operations never queued").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
