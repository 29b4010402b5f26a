package io.dbsync.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestCounterTest {
    private final RequestCounter counter = new RequestCounter(1_000_000);

    private static WireMessage request(int id, String command, String collection) {
        return new WireMessage(100, id, 0, WireMessage.OP_MSG, false, command, collection);
    }

    private static WireMessage reply(int id, int to) {
        return new WireMessage(50, id, to, WireMessage.OP_MSG, false, "", "");
    }

    @Test
    void countsRequestsPerConnectionCommandAndCollectionWithSetUpApart() {
        counter.request(1, request(1, "hello", ""), 0);
        counter.request(1, request(2, "find", "orders"), 0);
        counter.request(2, request(3, "insert", "orders"), 0);
        counter.request(2, request(4, "listCollections", ""), 0);

        Map<String, Object> snapshot = counter.snapshot(-1);

        assertThat(snapshot).containsEntry("requests", 3L).containsEntry("overheadRequests", 1L);
        assertThat(snapshot.get("connections")).isEqualTo(Map.of(
                "1", Map.of("requests", 1L, "overheadRequests", 1L),
                "2", Map.of("requests", 2L, "overheadRequests", 0L)));
        assertThat(snapshot.get("byCommand")).isEqualTo(Map.of("hello", 1L, "find", 1L, "insert", 1L, "listCollections", 1L));
        assertThat(snapshot.get("byCollection")).isEqualTo(Map.of("orders", 2L, RequestCounter.NO_COLLECTION, 1L));
        assertThat(snapshot).doesNotContainKey("intervals");
    }

    @Test
    void recordsEachAnsweredRequestFromItsFirstByteToItsDeliveredReplyInEpochMicroseconds() {
        counter.request(1, request(10, "find", "orders"), 2_000_000); // 2 ms on the relay's clock
        counter.reply(1, reply(11, 10), 24_000_000); // delivered 22 ms later

        @SuppressWarnings("unchecked")
        List<long[]> intervals = (List<long[]>) counter.snapshot(0).get("intervals");

        assertThat(intervals).hasSize(1);
        assertThat(intervals.get(0)).containsExactly(1_002_000, 1_024_000, 1, 0);
    }

    @Test
    void leavesOutRequestsThatWantNoReplyAndFurtherRepliesToOneRequest() {
        counter.request(1, new WireMessage(100, 20, 0, WireMessage.OP_MSG, true, "insert", "events"), 0);
        counter.request(1, request(21, "getMore", "events"), 0);
        counter.reply(1, reply(22, 21), 1000);
        counter.reply(1, reply(23, 22), 2000); // an exhaust cursor's next batch answers the previous reply
        counter.reply(1, reply(24, 20), 3000); // nothing was awaiting it

        Map<String, Object> snapshot = counter.snapshot(0);

        assertThat(snapshot).containsEntry("requests", 2L).containsEntry("replies", 3L);
        assertThat((List<?>) snapshot.get("intervals")).hasSize(1);
    }

    @Test
    void givesOnlyTheIntervalsThatStartedFromTheAskedTime() {
        counter.request(1, request(1, "find", "a"), 1_000_000);
        counter.reply(1, reply(2, 1), 2_000_000);
        counter.request(1, request(3, "find", "b"), 5_000_000);
        counter.reply(1, reply(4, 3), 6_000_000);

        assertThat((List<?>) counter.snapshot(1_004_000).get("intervals")).hasSize(1);
        assertThat((List<?>) counter.snapshot(1_000_000).get("intervals")).hasSize(2);
    }

    @Test
    void addsUpTheBytesOfEachDirection() {
        counter.bytes(true, 300);
        counter.bytes(false, 4000);
        counter.bytes(true, 200);

        assertThat(counter.snapshot(-1)).containsEntry("bytesUp", 500L).containsEntry("bytesDown", 4000L);
    }
}
