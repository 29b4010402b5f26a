package io.dbsync.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class WireMessageParserTest {
    private static final byte[] STREAM = WireBytes.concat(
            WireBytes.opQuery(1, "admin.$cmd", new BsonDocument("isMaster", new BsonInt32(1))),
            WireBytes.opMsg(2, 0, 0, new BsonDocument("insert", new BsonString("orders")), "documents",
                    new BsonDocument("_id", new BsonInt32(1)).append("notes", new BsonString("x".repeat(2000))),
                    new BsonDocument("_id", new BsonInt32(2))),
            WireBytes.opMsg(3, 0, 0, new BsonDocument("find", new BsonString("customers")), null));

    @Test
    void findsEveryMessageWhereverTheChunksAreCut() {
        List<WireMessage> whole = parse(STREAM.length);
        assertThat(whole).extracting(WireMessage::command).containsExactly("isMaster", "insert", "find");
        assertThat(whole).extracting(WireMessage::requestId).containsExactly(1, 2, 3);
        for (int chunk = 1; chunk < 40; chunk++) {
            assertThat(parse(chunk)).as("chunks of %d bytes", chunk).isEqualTo(whole);
        }
    }

    @Test
    void stampsEachMessageWithTheTimeOfItsFirstByte() {
        AtomicLong clock = new AtomicLong();
        List<Long> stamps = new ArrayList<>();
        WireMessageParser parser = new WireMessageParser((message, first) -> stamps.add(first), clock::incrementAndGet);
        byte[] first = WireBytes.opMsg(5, 0, 0, new BsonDocument("ping", new BsonInt32(1)), null);
        byte[] second = WireBytes.opMsg(6, 0, 0, new BsonDocument("ping", new BsonInt32(1)), null);

        parser.feed(first, 0, 3); // the first message starts: clock 1
        parser.feed(first, 3, first.length - 3); // ... and ends; no new stamp
        parser.feed(second, 0, second.length); // the second starts: clock 2

        assertThat(stamps).containsExactly(1L, 2L);
    }

    @Test
    void stopsAtAMessageShorterThanItsOwnHeader() {
        List<WireMessage> seen = new ArrayList<>();
        WireMessageParser parser = new WireMessageParser((message, first) -> seen.add(message), System::nanoTime);
        byte[] garbage = {5, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

        parser.feed(garbage, 0, garbage.length);

        assertThat(parser.broken()).isTrue();
        assertThat(seen).isEmpty();
    }

    private static List<WireMessage> parse(int chunk) {
        List<WireMessage> seen = new ArrayList<>();
        WireMessageParser parser = new WireMessageParser((message, first) -> seen.add(message), System::nanoTime);
        for (int at = 0; at < STREAM.length; at += chunk) {
            parser.feed(STREAM, at, Math.min(chunk, STREAM.length - at));
        }
        return seen;
    }
}
