package io.dbsync.api.sync.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The _id order of the server's documentation (sort order of BSON types, then values within a type). */
class IdOrderTest {
    /** In MongoDB's ascending order. */
    private static final List<BsonValue> ASCENDING = List.of(
            new BsonMinKey(),
            BsonNull.VALUE,
            new BsonDouble(Double.NaN),
            new BsonDouble(Double.NEGATIVE_INFINITY),
            new BsonInt64(-5),
            new BsonDouble(-0.5),
            new BsonInt32(0),
            new BsonDecimal128(Decimal128.parse("0.25")),
            new BsonInt32(1),
            new BsonDouble(1.5),
            new BsonInt64(9_007_199_254_740_993L), // 2^53 + 1: equal to 2^53 as a double, but not exactly
            new BsonDouble(1e300),
            new BsonString(""),
            new BsonString("Z"),
            new BsonString("a"),
            new BsonString("é"),        // UTF-8 bytes C3 A9
            new BsonString("\uD83D\uDE00"), // U+1F600, UTF-8 F0 9F 98 80: after é although UTF-16 would differ
            new BsonDocument("a", new BsonInt32(1)),
            new BsonDocument("a", new BsonInt32(1)).append("b", new BsonInt32(0)),
            new BsonDocument("b", new BsonInt32(0)),    // field types compare before field names
            new BsonDocument("a", new BsonString("x")),
            new BsonBinary(new byte[] {9}),
            new BsonBinary((byte) 4, new byte[] {1}),
            new BsonBinary(new byte[] {1, 2}),
            new BsonObjectId(new ObjectId("000000000000000000000001")),
            new BsonObjectId(new ObjectId("ffffffffffffffffffffffff")),
            BsonBoolean.FALSE,
            BsonBoolean.TRUE,
            new BsonDateTime(-1),
            new BsonDateTime(1),
            new BsonTimestamp(1, 2),
            new BsonTimestamp(2, 1),
            new BsonMaxKey());

    @Test
    void sortsEveryTypeAsTheServerDoes() {
        for (int i = 0; i + 1 < ASCENDING.size(); i++) {
            assertThat(IdOrder.INSTANCE.compare(ASCENDING.get(i), ASCENDING.get(i + 1)))
                    .as(ASCENDING.get(i) + " < " + ASCENDING.get(i + 1)).isNegative();
            assertThat(IdOrder.INSTANCE.compare(ASCENDING.get(i + 1), ASCENDING.get(i))).isPositive();
        }
        List<BsonValue> shuffled = new ArrayList<>(ASCENDING);
        Collections.shuffle(shuffled, new Random(42));
        shuffled.sort(IdOrder.INSTANCE);
        assertThat(shuffled).isEqualTo(ASCENDING);
    }

    @Test
    void numbersOfDifferentTypesWithOneValueAreEqual() {
        assertThat(IdOrder.INSTANCE.compare(new BsonInt32(3), new BsonDouble(3.0))).isZero();
        assertThat(IdOrder.INSTANCE.compare(new BsonInt64(3), new BsonDecimal128(Decimal128.parse("3.00")))).isZero();
    }

    @Test
    void refusesTypesItCannotOrderRatherThanGuess() {
        assertThatThrownBy(() -> IdOrder.INSTANCE.compare(new BsonJavaScript("f()"), new BsonJavaScript("g()")))
                .isInstanceOf(IdOrder.Unordered.class);
    }
}
