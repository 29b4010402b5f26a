package io.dbsync.api.sync.mongo;

import io.dbsync.api.sync.plan.SyncFailedException;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;

/**
 * MongoDB's sort order for {@code _id} values (without a collation), for the digest delta's merge
 * join. It need not match the server's in every corner: the join checks that both scans come out
 * strictly increasing under this order, and abandons the delta (for a full copy) if they do not —
 * a merge join over two sequences sorted by one total order is correct whatever that order is.
 */
public final class IdOrder implements Comparator<BsonValue> {
    public static final IdOrder INSTANCE = new IdOrder();

    /** A value whose order this class does not know; the join gives up rather than guess. */
    public static final class Unordered extends RuntimeException {
        public Unordered(String message) {
            super(message);
        }
    }

    private IdOrder() {
    }

    @Override
    public int compare(BsonValue a, BsonValue b) {
        int brackets = Integer.compare(ResumeFilterBrackets.of(a.getBsonType()), ResumeFilterBrackets.of(b.getBsonType()));
        if (brackets != 0) {
            return brackets;
        }
        return switch (a.getBsonType()) {
            case MIN_KEY, MAX_KEY, NULL, UNDEFINED -> 0;
            case INT32, INT64, DOUBLE, DECIMAL128 -> compareNumbers(a, b);
            case STRING, SYMBOL -> compareUtf8(text(a), text(b));
            case DOCUMENT -> compareDocuments(a.asDocument(), b.asDocument());
            case BINARY -> compareBinary(a.asBinary(), b.asBinary());
            case OBJECT_ID -> a.asObjectId().getValue().compareTo(b.asObjectId().getValue());
            case BOOLEAN -> Boolean.compare(a.asBoolean().getValue(), b.asBoolean().getValue());
            case DATE_TIME -> Long.compare(a.asDateTime().getValue(), b.asDateTime().getValue());
            case TIMESTAMP -> a.asTimestamp().compareTo(b.asTimestamp());
            default -> throw new Unordered("no known order for _id values of type " + a.getBsonType());
        };
    }

    private static String text(BsonValue value) {
        return value.getBsonType() == BsonType.SYMBOL ? value.asSymbol().getSymbol() : value.asString().getValue();
    }

    /** Numbers compare by value across types; NaN sorts below every other number, as on the server. */
    private static int compareNumbers(BsonValue a, BsonValue b) {
        if (a.getBsonType() == BsonType.DECIMAL128 || b.getBsonType() == BsonType.DECIMAL128) {
            BigDecimal x = decimal(a);
            BigDecimal y = decimal(b);
            if (x == null || y == null) {
                throw new Unordered("no known order for special Decimal128 _id values");
            }
            return x.compareTo(y);
        }
        if (a.getBsonType() != BsonType.DOUBLE && b.getBsonType() != BsonType.DOUBLE) {
            return Long.compare(a.asNumber().longValue(), b.asNumber().longValue());
        }
        double x = a.asNumber().doubleValue();
        double y = b.asNumber().doubleValue();
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Boolean.compare(!Double.isNaN(x), !Double.isNaN(y));
        }
        if (x != y) {
            return x < y ? -1 : 1;
        }
        // Equal as doubles; a long beyond 2^53 may still differ from the double exactly.
        BigDecimal exactA = decimal(a);
        BigDecimal exactB = decimal(b);
        return exactA == null || exactB == null ? 0 : exactA.compareTo(exactB);
    }

    private static BigDecimal decimal(BsonValue value) {
        try {
            return switch (value.getBsonType()) {
                case DECIMAL128 -> value.asDecimal128().getValue().bigDecimalValue();
                case DOUBLE -> Double.isFinite(value.asDouble().getValue()) ? new BigDecimal(value.asDouble().getValue()) : null;
                case INT64 -> BigDecimal.valueOf(value.asInt64().getValue());
                default -> BigDecimal.valueOf(value.asInt32().getValue());
            };
        } catch (ArithmeticException e) {
            return null; // NaN, infinities and negative zero have no BigDecimal
        }
    }

    /** Strings compare by their UTF-8 bytes, unsigned (the server's simple binary comparison). */
    private static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Binary data: length first, then subtype, then the bytes. */
    private static int compareBinary(BsonBinary a, BsonBinary b) {
        int length = Integer.compare(a.getData().length, b.getData().length);
        if (length != 0) {
            return length;
        }
        int subtype = Integer.compare(a.getType() & 0xFF, b.getType() & 0xFF);
        return subtype != 0 ? subtype : Arrays.compareUnsigned(a.getData(), b.getData());
    }

    /** Embedded documents: field by field — the value's type bracket, then the name, then the value. */
    private int compareDocuments(BsonDocument a, BsonDocument b) {
        Iterator<Map.Entry<String, BsonValue>> left = a.entrySet().iterator();
        Iterator<Map.Entry<String, BsonValue>> right = b.entrySet().iterator();
        while (left.hasNext() && right.hasNext()) {
            Map.Entry<String, BsonValue> x = left.next();
            Map.Entry<String, BsonValue> y = right.next();
            int brackets = Integer.compare(ResumeFilterBrackets.of(x.getValue().getBsonType()),
                    ResumeFilterBrackets.of(y.getValue().getBsonType()));
            if (brackets != 0) {
                return brackets;
            }
            int names = compareUtf8(x.getKey(), y.getKey());
            if (names != 0) {
                return names;
            }
            int values = compare(x.getValue(), y.getValue());
            if (values != 0) {
                return values;
            }
        }
        return Boolean.compare(left.hasNext(), right.hasNext());
    }

    /** The type brackets, shared with the scan's resume filter; unknown brackets are {@link Unordered}. */
    private static final class ResumeFilterBrackets {
        public static int of(BsonType type) {
            try {
                return ResumeFilter.bracketOf(type);
            } catch (SyncFailedException e) {
                throw new Unordered(e.getMessage());
            }
        }
    }
}
