package io.dbsync.bench;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the wire servers' counters around one run and turns them into the run's {@link RelayTraffic}.
 * Built from {@code --status-ports source:<port>,target:<port>}; with none, it measures nothing.
 */
final class RelayProbe {
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final double rttMs;

    /** The counters before a run, and when it started. */
    record Before(Map<String, Map<String, Object>> status, long fromMicros) {
    }

    RelayProbe(String statusPorts, double rttMs) {
        this.rttMs = rttMs;
        if (statusPorts != null && !statusPorts.isBlank()) {
            for (String pair : statusPorts.split(",")) {
                String[] nameAndPort = pair.split(":");
                ports.put(nameAndPort[0], Integer.parseInt(nameAndPort[1]));
            }
        }
    }

    static RelayProbe of(Args args) {
        return new RelayProbe(args.get("status-ports", ""), Double.parseDouble(args.get("rtt-ms", "0")));
    }

    /** The argument value for a child: {@code source:<port>,target:<port>}. */
    static String ports(ServerProcess source, ServerProcess target) {
        return "source:" + source.statusPort() + ",target:" + target.statusPort();
    }

    boolean active() {
        return !ports.isEmpty();
    }

    Before before() throws IOException, InterruptedException {
        long from = nowMicros();
        return new Before(read(-1), from);
    }

    /** The run's traffic; null when there are no servers to ask. */
    Map<String, Object> after(Before before) throws IOException, InterruptedException {
        if (!active()) {
            return null;
        }
        long to = nowMicros();
        return RelayTraffic.between(before.status(), read(before.fromMicros()), to, rttMs);
    }

    /** Each server's whole status now (with its Atlas figures, if any). */
    Map<String, Map<String, Object>> read(long intervalsFrom) throws IOException, InterruptedException {
        Map<String, Map<String, Object>> status = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            status.put(port.getKey(), StatusEndpoint.fetch(port.getValue(), intervalsFrom));
        }
        return status;
    }

    static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
