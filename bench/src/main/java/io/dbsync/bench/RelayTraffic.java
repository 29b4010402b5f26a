package io.dbsync.bench;

import io.dbsync.api.sync.plan.StagingNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run asked of the servers, from their relays' counters read before and after it
 * ({@link BenchServer#status}): requests (set-up and monitoring apart), bytes each way, connections,
 * requests by command and by collection (a staging collection counts as its source collection), and
 * the sequential round trips, counted two ways from the intervals during which a request of the run
 * awaited its reply, on either server:
 * <ul>
 *   <li>{@code sequentialRoundTrips}: waves — a wave starts with the first request sent after the previous
 *       wave's first request was answered, and takes in every request sent meanwhile (they overlapped it).
 *       It counts steps, whatever the server took for each.</li>
 *   <li>{@code awaitedRoundTrips}: the time during which at least one request was awaited, divided by
 *       the round trip. It includes the servers' own time, so on a busy machine it is the larger.</li>
 * </ul>
 * Requests on connections that never carried anything but set-up and monitoring (the driver's heartbeats)
 * are left out of both.
 */
final class RelayTraffic {
    private RelayTraffic() {
    }

    /**
     * @param before  per server name, its status before the run (intervals not needed)
     * @param after   per server name, its status after the run, with the intervals from {@code fromMicros}
     * @param toMicros the end of the run (epoch µs); intervals that start later are not the run's
     * @param rttMs   the relay's round trip (0: the round trips are not computed)
     */
    static Map<String, Object> between(Map<String, Map<String, Object>> before, Map<String, Map<String, Object>> after,
                                       long toMicros, double rttMs) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<long[]> awaited = new ArrayList<>();
        long requests = 0;
        for (Map.Entry<String, Map<String, Object>> server : after.entrySet()) {
            Map<String, Object> now = relay(server.getValue());
            Map<String, Object> then = relay(before.getOrDefault(server.getKey(), Map.of()));
            Map<String, Object> figures = new LinkedHashMap<>();
            for (String key : List.of("requests", "overheadRequests", "bytesUp", "bytesDown")) {
                figures.put(key, number(now.get(key)) - number(then.get(key)));
            }
            requests += (long) figures.get("requests");
            Map<String, Object> connectionsNow = map(now.get("connections"));
            Map<String, Object> connectionsThen = map(then.get("connections"));
            long used = 0;
            long most = 0;
            for (Map.Entry<String, Object> connection : connectionsNow.entrySet()) {
                long delta = number(map(connection.getValue()).get("requests"))
                        - number(map(connectionsThen.get(connection.getKey())).get("requests"));
                used += delta > 0 ? 1 : 0;
                most = Math.max(most, delta);
            }
            figures.put("connectionsUsed", used);
            figures.put("mostRequestsOnOneConnection", most);
            figures.put("byCommand", difference(map(now.get("byCommand")), map(then.get("byCommand")), false));
            figures.put("byCollection", difference(map(now.get("byCollection")), map(then.get("byCollection")), true));
            out.put(server.getKey(), figures);
            if (now.get("intervals") instanceof List<?> intervals) {
                for (Object item : intervals) {
                    List<?> interval = (List<?>) item;
                    long start = number(interval.get(0));
                    String connection = String.valueOf(number(interval.get(2)));
                    boolean carriesData = number(map(connectionsNow.get(connection)).get("requests")) > 0;
                    if (start <= toMicros && carriesData) {
                        awaited.add(new long[] {start, number(interval.get(1))});
                    }
                }
            }
        }
        out.put("requests", requests);
        long[] union = union(awaited);
        out.put("sequentialRoundTrips", waves(awaited));
        out.put("busyPeriods", union[1]);
        out.put("awaitedSeconds", Stats.round(union[0] / 1e6, 4));
        if (rttMs > 0) {
            out.put("awaitedRoundTrips", Stats.round(union[0] / 1e3 / rttMs, 1));
        }
        return out;
    }

    /** Waves of requests: each starts with a request sent after the previous wave's first one was answered. */
    static long waves(List<long[]> intervals) {
        List<long[]> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparingLong(interval -> interval[0]));
        long waves = 0;
        long waveEnd = Long.MIN_VALUE;
        for (long[] interval : sorted) {
            if (interval[0] >= waveEnd) {
                waves++;
                waveEnd = interval[1];
            }
        }
        return waves;
    }

    /** {total µs covered, number of disjoint periods} of the intervals. */
    static long[] union(List<long[]> intervals) {
        List<long[]> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparingLong(interval -> interval[0]));
        long covered = 0;
        long periods = 0;
        long start = Long.MIN_VALUE;
        long end = Long.MIN_VALUE;
        for (long[] interval : sorted) {
            if (periods == 0 || interval[0] > end) {
                covered += periods == 0 ? 0 : end - start;
                start = interval[0];
                end = interval[1];
                periods++;
            } else {
                end = Math.max(end, interval[1]);
            }
        }
        covered += periods == 0 ? 0 : end - start;
        return new long[] {covered, periods};
    }

    /** now − then per key, without zeros; staging collections folded into their source collection. */
    private static Map<String, Long> difference(Map<String, Object> now, Map<String, Object> then, boolean collections) {
        Map<String, Long> out = new TreeMap<>();
        now.forEach((key, value) -> {
            long delta = number(value) - number(then.get(key));
            if (delta != 0) {
                out.merge(collections ? sourceCollection(key) : key, delta, Long::sum);
            }
        });
        return out;
    }

    static String sourceCollection(String name) {
        int marker = name.indexOf(StagingNames.MARKER);
        return marker < 0 ? name : name.substring(0, marker);
    }

    private static Map<String, Object> relay(Map<String, Object> status) {
        return map(status.get("relay"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
