package io.dbsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelayTrafficTest {

    private static Map<String, Object> status(long requests, long bytesUp, Map<String, Object> connections,
                                              Map<String, Long> byCollection, List<List<Long>> intervals) {
        return Map.of("relay", Map.of("requests", requests, "overheadRequests", 0L, "bytesUp", bytesUp, "bytesDown", 0L,
                "connections", connections, "byCommand", Map.of(), "byCollection", byCollection, "intervals", intervals));
    }

    private static Map<String, Object> connection(long requests) {
        return Map.of("requests", requests, "overheadRequests", 1L);
    }

    @Test
    void takesTheRunsShareOfEachCounterAndFoldsStagingIntoItsCollection() {
        Map<String, Object> before = status(10, 1000, Map.of("1", connection(10)), Map.of("orders", 10L), List.of());
        Map<String, Object> after = status(16, 1600, Map.of("1", connection(12), "2", connection(4)),
                Map.of("orders", 11L, "orders__dbsync_staging_ab12cd34", 5L), List.of());

        Map<String, Object> traffic = RelayTraffic.between(Map.of("target", before), Map.of("target", after), Long.MAX_VALUE, 20);

        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) traffic.get("target");
        assertThat(target).containsEntry("requests", 6L).containsEntry("bytesUp", 600L)
                .containsEntry("connectionsUsed", 2L).containsEntry("mostRequestsOnOneConnection", 4L);
        assertThat(target.get("byCollection")).isEqualTo(Map.of("orders", 6L));
        assertThat(traffic).containsEntry("requests", 6L);
    }

    @Test
    void countsOverlappingRequestsOfBothServersAsOneWaitAndLeavesOutHeartbeatsAndLaterRequests() {
        // source: 0–20 ms and 30–50 ms; target: 10–25 ms (overlaps the first); a heartbeat connection; a request after the run
        Map<String, Object> source = status(2, 0, Map.of("1", connection(2), "9", connection(0)), Map.of(),
                List.of(List.of(0L, 20_000L, 1L, 0L), List.of(30_000L, 50_000L, 1L, 0L), List.of(60_000L, 80_000L, 9L, 1L)));
        Map<String, Object> target = status(2, 0, Map.of("3", connection(2)), Map.of(),
                List.of(List.of(10_000L, 25_000L, 3L, 0L), List.of(200_000L, 220_000L, 3L, 0L)));

        Map<String, Object> traffic = RelayTraffic.between(Map.of(), Map.of("source", source, "target", target), 100_000L, 20);

        assertThat(traffic).containsEntry("awaitedSeconds", 0.045).containsEntry("busyPeriods", 2L)
                .containsEntry("awaitedRoundTrips", 2.3).containsEntry("sequentialRoundTrips", 2L);
    }

    @Test
    void countsTwoStaggeredWritersOfThreeBatchesEachAsThreeWaves() {
        List<long[]> writers = List.of(new long[] {0, 20}, new long[] {20, 40}, new long[] {40, 60},
                new long[] {10, 30}, new long[] {30, 50}, new long[] {50, 70});

        assertThat(RelayTraffic.waves(writers)).isEqualTo(3);
        assertThat(RelayTraffic.waves(List.of(new long[] {0, 20}, new long[] {25, 90}, new long[] {95, 99}))).isEqualTo(3);
    }

    @Test
    void addsUpDisjointIntervalsAndMergesNestedOnes() {
        long[] union = RelayTraffic.union(List.of(new long[] {0, 10}, new long[] {2, 5}, new long[] {20, 30}, new long[] {25, 40}));

        assertThat(union).containsExactly(30, 2);
        assertThat(RelayTraffic.union(List.of())).containsExactly(0, 0);
    }
}
