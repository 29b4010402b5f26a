package io.dbsync.bench.wire;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts what clients ask of one server through a relay: requests per connection, per command and per
 * collection, bytes each way, and for each answered request the interval from its first byte leaving
 * the client to its reply reaching the client. The driver never sends a second request on a connection
 * before the first is answered, so a connection's request count is the round trips it waited for in a
 * row; the union of all intervals, divided by the round-trip time, is the run's sequential round trips.
 *
 * <p>Connection set-up and monitoring ({@link #OVERHEAD}: the handshake, heartbeats, authentication,
 * session clean-up) are counted apart, as the Atlas profile's operation budget does. Thread-safe; times
 * are the relay's {@code System.nanoTime()} readings, exported as epoch microseconds so that the
 * intervals of two server processes can be merged.
 */
public final class RequestCounter {
    /** Commands that set up or watch a connection rather than read or write data (lower case). */
    public static final Set<String> OVERHEAD = Set.of("hello", "ismaster", "ping", "buildinfo", "saslstart",
            "saslcontinue", "getnonce", "whatsmyuri", "endsessions");
    static final int MAX_INTERVALS = 500_000;
    static final String NO_COLLECTION = "(database)";

    /** One answered request: epoch microseconds, its connection, and whether it was overhead. */
    public record Interval(long startMicros, long endMicros, int connection, boolean overhead) {
    }

    private static final class Connection {
        long requests;
        long overhead;
        final Map<Integer, long[]> outstanding = new HashMap<>(); // requestID -> {first byte nanos, overhead 0/1}
    }

    private final long epochMicrosAtClockZero;
    private final Map<Integer, Connection> connections = new TreeMap<>();
    private final Map<String, Long> byCommand = new TreeMap<>();
    private final Map<String, Long> byCollection = new TreeMap<>();
    private final List<Interval> intervals = new ArrayList<>();
    private long requests;
    private long overhead;
    private long replies;
    private long bytesUp;
    private long bytesDown;
    private long droppedIntervals;

    /** @param epochMicrosAtClockZero the epoch time, in µs, at which the nanosecond clock read 0 */
    public RequestCounter(long epochMicrosAtClockZero) {
        this.epochMicrosAtClockZero = epochMicrosAtClockZero;
    }

    /** A counter on {@code System.nanoTime()}. */
    public static RequestCounter onSystemClock() {
        long nanos = System.nanoTime();
        long epochMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        return new RequestCounter(epochMicros - nanos / 1000);
    }

    /** A request from the client on {@code connection}, whose first byte arrived at {@code firstByteNanos}. */
    public synchronized void request(int connection, WireMessage message, long firstByteNanos) {
        Connection counts = connections.computeIfAbsent(connection, id -> new Connection());
        boolean isOverhead = OVERHEAD.contains(message.command().toLowerCase(java.util.Locale.ROOT));
        if (isOverhead) {
            overhead++;
            counts.overhead++;
        } else {
            requests++;
            counts.requests++;
            byCollection.merge(message.collection().isEmpty() ? NO_COLLECTION : message.collection(), 1L, Long::sum);
        }
        byCommand.merge(message.command().isEmpty() ? "op" + message.opCode() : message.command(), 1L, Long::sum);
        if (!message.moreToCome()) {
            counts.outstanding.put(message.requestId(), new long[] {firstByteNanos, isOverhead ? 1 : 0});
        }
    }

    /** A reply on {@code connection} that reaches the client at {@code deliveredNanos}. */
    public synchronized void reply(int connection, WireMessage message, long deliveredNanos) {
        replies++;
        Connection counts = connections.get(connection);
        long[] sent = counts == null ? null : counts.outstanding.remove(message.responseTo());
        if (sent == null) {
            return; // a further reply to an exhaust request: its round trip was counted with the first
        }
        if (intervals.size() >= MAX_INTERVALS) {
            droppedIntervals++;
            return;
        }
        intervals.add(new Interval(micros(sent[0]), micros(deliveredNanos), connection, sent[1] == 1));
    }

    public synchronized void bytes(boolean up, int count) {
        if (up) {
            bytesUp += count;
        } else {
            bytesDown += count;
        }
    }

    /**
     * The counts so far (cumulative since the relay started), for JSON; with {@code intervalsFromMicros}
     * ≥ 0, also the intervals that started at or after it.
     */
    public synchronized Map<String, Object> snapshot(long intervalsFromMicros) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requests", requests);
        out.put("overheadRequests", overhead);
        out.put("replies", replies);
        out.put("bytesUp", bytesUp);
        out.put("bytesDown", bytesDown);
        Map<String, Map<String, Long>> perConnection = new LinkedHashMap<>();
        connections.forEach((id, counts) -> perConnection.put(Integer.toString(id),
                Map.of("requests", counts.requests, "overheadRequests", counts.overhead)));
        out.put("connections", perConnection);
        out.put("byCommand", new TreeMap<>(byCommand));
        out.put("byCollection", new TreeMap<>(byCollection));
        out.put("droppedIntervals", droppedIntervals);
        if (intervalsFromMicros >= 0) {
            List<long[]> from = new ArrayList<>();
            for (Interval interval : intervals) {
                if (interval.startMicros() >= intervalsFromMicros) {
                    from.add(new long[] {interval.startMicros(), interval.endMicros(), interval.connection(),
                            interval.overhead() ? 1 : 0});
                }
            }
            out.put("intervals", from);
        }
        return out;
    }

    private long micros(long nanos) {
        return epochMicrosAtClockZero + Math.floorDiv(nanos, 1000);
    }
}
