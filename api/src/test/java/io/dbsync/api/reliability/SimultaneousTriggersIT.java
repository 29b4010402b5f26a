package io.dbsync.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.testing.RunResults;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestServers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Twelve triggers by one user at the same instant, the first login of that user (nothing cached):
 * they share one password check, reach the run lock together, and exactly one run starts — the
 * other eleven are told which run is in progress (409), instead of queueing behind each other's
 * password checks and starting runs one after another.
 */
@Timeout(120)
class SimultaneousTriggersIT {
    private static final int TRIGGERS = 12;

    @RegisterExtension
    final TestServers servers = new TestServers();

    @Test
    void twelveSimultaneousTriggersStartExactlyOneRun() throws Exception {
        TestMongo mongo = servers.mongo();
        SourceData.seed(mongo.sourceDb(), 2_000, 6_000); // a run of about a second: all twelve arrive while it runs
        TestApi api = servers.api(mongo);
        CyclicBarrier start = new CyclicBarrier(TRIGGERS);
        ExecutorService clients = Executors.newFixedThreadPool(TRIGGERS);
        List<Future<long[]>> answers = new ArrayList<>();
        long began = System.nanoTime();
        for (int i = 0; i < TRIGGERS; i++) {
            answers.add(clients.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                HttpResponse<String> response = api.post("/syncdb", TestServers.operator(), "{}");
                return new long[] {response.statusCode(), System.nanoTime() - began};
            }));
        }
        Map<Long, Integer> statuses = new TreeMap<>();
        long firstConflictMs = Long.MAX_VALUE;
        long lastConflictMs = 0;
        for (Future<long[]> answer : answers) {
            long[] statusAndTime = answer.get(90, TimeUnit.SECONDS);
            statuses.merge(statusAndTime[0], 1, Integer::sum);
            if (statusAndTime[0] == 409) {
                firstConflictMs = Math.min(firstConflictMs, statusAndTime[1] / 1_000_000);
                lastConflictMs = Math.max(lastConflictMs, statusAndTime[1] / 1_000_000);
            }
        }
        clients.shutdown();
        int runs = RunResults.json(api.send("GET", "/runs?limit=50", TestServers.operator())).size();

        System.out.println("case=simultaneous-triggers triggers=" + TRIGGERS + " runsStarted=" + runs
                + " statuses=" + statuses + " conflictAnswersWithinMs=" + firstConflictMs + ".." + lastConflictMs);
        assertThat(runs).isEqualTo(1);
        assertThat(statuses).containsEntry(200L, 1).containsEntry(409L, TRIGGERS - 1);
    }
}
