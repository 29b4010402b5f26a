package io.dbsync.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Generates the benchmark's documents: several collections of mixed sizes whose mean size is about
 * {@code docBytes}, with realistic fields (strings, numbers, nested documents, arrays, dates,
 * ObjectIds, Decimal128). Document {@code i} of a collection is always the same bytes (seeded by
 * collection and index), and {@code _id}s rise with {@code i}, as ObjectIds do with insertion time.
 */
final class DataGenerator {
    /** One generated collection: its share of all documents and its size relative to {@code docBytes}. */
    record Spec(String name, int ordinal, double share, double sizeFactor) {
    }

    // share × sizeFactor sums to 1, so the mean size is about docBytes. audit_log stays empty on purpose.
    static final List<Spec> SPECS = List.of(
            new Spec("orders", 1, 0.40, 1.6),
            new Spec("customers", 2, 0.25, 0.8),
            new Spec("events", 3, 0.30, 0.4),
            new Spec("products", 4, 0.05, 0.8),
            new Spec("audit_log", 5, 0.0, 1.0));

    /** Issue 17's anchor data: two collections of equal counts, mean size about {@code docBytes}. */
    static final List<Spec> TWO_COLLECTIONS = List.of(
            new Spec("orders", 1, 0.5, 1.2),
            new Spec("customers", 2, 0.5, 0.8));

    private static final String[] WORDS = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod "
            + "tempor incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation "
            + "ullamco laboris nisi aliquip ex ea commodo consequat").split(" ");
    private static final String[] FIRST = {"Ana", "Ben", "Chloe", "Dev", "Elif", "Femi", "Gita", "Hugo", "Ines", "Jon"};
    private static final String[] LAST = {"Silva", "Okafor", "Novak", "Tanaka", "Meyer", "Rossi", "Khan", "Dubois"};
    private static final String[] CITIES = {"Lisbon", "Lagos", "Prague", "Osaka", "Berlin", "Milan", "Lahore", "Lyon"};
    private static final String[] STATUS = {"new", "paid", "shipped", "delivered", "cancelled"};
    private static final String[] EVENTS = {"page_view", "click", "signup", "login", "add_to_cart", "checkout"};
    private static final long EPOCH_SECONDS = 1_700_000_000L;
    private static final int PADDING_FIELD_OVERHEAD = 1 + "notes".length() + 1 + 4 + 1;

    private final long totalDocs;
    private final int docBytes;
    private final List<Spec> specs;
    private final BsonDocumentCodec codec = new BsonDocumentCodec();

    DataGenerator(long totalDocs, int docBytes) {
        this(totalDocs, docBytes, SPECS);
    }

    DataGenerator(long totalDocs, int docBytes, List<Spec> specs) {
        this.totalDocs = totalDocs;
        this.docBytes = docBytes;
        this.specs = specs;
    }

    /** The generator's real mean document size for a given {@code docBytes}, from a sample of {@link #SPECS}. */
    static double meanDocumentBytes(int docBytes) {
        DataGenerator generator = new DataGenerator(5_000, docBytes);
        long bytes = 0;
        long n = 0;
        for (Map.Entry<Spec, Long> entry : generator.counts().entrySet()) {
            for (long i = 0; i < entry.getValue(); i++) {
                bytes += generator.document(entry.getKey(), i).getByteBuffer().remaining();
                n++;
            }
        }
        return (double) bytes / n;
    }

    /** The collections this generator fills, each created even when it gets no documents. */
    List<Spec> specs() {
        return specs;
    }

    /** Documents per collection, in {@link #specs()} order; the rounding remainder goes to the first. */
    Map<Spec, Long> counts() {
        Map<Spec, Long> counts = new LinkedHashMap<>();
        long assigned = 0;
        for (Spec spec : specs) {
            long n = (long) Math.floor(totalDocs * spec.share());
            counts.put(spec, n);
            assigned += n;
        }
        Spec first = specs.get(0);
        counts.put(first, counts.get(first) + totalDocs - assigned);
        return counts;
    }

    static ObjectId id(Spec spec, long index) {
        ByteBuffer bytes = ByteBuffer.allocate(12);
        bytes.putInt((int) (EPOCH_SECONDS + index / 50));
        bytes.putInt(spec.ordinal() * 7919);
        bytes.putInt((int) index);
        return new ObjectId(bytes.array());
    }

    RawBsonDocument document(Spec spec, long index) {
        SplittableRandom random = new SplittableRandom(spec.ordinal() * 0x9E3779B97F4A7C15L + index);
        BsonDocument doc = new BsonDocument("_id", new BsonObjectId(id(spec, index)));
        doc.putAll(switch (spec.name()) {
            case "orders" -> order(random, index);
            case "customers" -> customer(random, index);
            case "events" -> event(random, index);
            default -> product(random, index);
        });
        int target = (int) Math.round(docBytes * spec.sizeFactor() * (0.5 + random.nextDouble()));
        int base = new RawBsonDocument(doc, codec).getByteBuffer().remaining();
        int padding = target - base - PADDING_FIELD_OVERHEAD;
        if (padding > 0) {
            doc.put("notes", new BsonString(text(random, padding)));
        }
        return new RawBsonDocument(doc, codec);
    }

    private static BsonDocument customer(SplittableRandom random, long index) {
        String first = pick(random, FIRST);
        String last = pick(random, LAST);
        return new BsonDocument()
                .append("name", new BsonString(first + " " + last))
                .append("email", new BsonString((first + "." + last + "." + index + "@example.com").toLowerCase()))
                .append("age", new BsonInt32(18 + random.nextInt(70)))
                .append("balance", new BsonDouble(Math.round(random.nextDouble() * 1_000_000) / 100.0))
                .append("createdAt", date(random, index))
                .append("active", BsonBoolean.valueOf(random.nextInt(10) > 0))
                .append("tags", strings(random, 1 + random.nextInt(4)))
                .append("address", address(random))
                .append("preferences", new BsonDocument("newsletter", BsonBoolean.valueOf(random.nextBoolean()))
                        .append("language", new BsonString(random.nextBoolean() ? "en" : "pt")));
    }

    private static BsonDocument order(SplittableRandom random, long index) {
        BsonArray items = new BsonArray();
        long cents = 0;
        for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
            int price = 100 + random.nextInt(20_000);
            int qty = 1 + random.nextInt(3);
            cents += (long) price * qty;
            items.add(new BsonDocument("sku", new BsonString("SKU-" + random.nextInt(100_000)))
                    .append("name", new BsonString(pick(random, WORDS) + " " + pick(random, WORDS)))
                    .append("qty", new BsonInt32(qty))
                    .append("price", new BsonDouble(price / 100.0)));
        }
        return new BsonDocument()
                .append("orderNo", new BsonInt64(1_000_000L + index))
                .append("customerId", new BsonObjectId(id(SPECS.get(1), random.nextLong(Math.max(1, index + 1)))))
                .append("status", new BsonString(pick(random, STATUS)))
                .append("createdAt", date(random, index))
                .append("updatedAt", date(random, index + 500))
                .append("total", new BsonDecimal128(Decimal128.parse(cents / 100 + "." + String.format("%02d", cents % 100))))
                .append("currency", new BsonString("EUR"))
                .append("items", items)
                .append("shipping", new BsonDocument("method", new BsonString(random.nextBoolean() ? "standard" : "express"))
                        .append("address", address(random)));
    }

    private static BsonDocument event(SplittableRandom random, long index) {
        return new BsonDocument()
                .append("type", new BsonString(pick(random, EVENTS)))
                .append("userId", new BsonObjectId(id(SPECS.get(1), random.nextLong(Math.max(1, index + 1)))))
                .append("ts", date(random, index))
                .append("sessionId", new BsonString(Long.toHexString(random.nextLong())))
                .append("props", new BsonDocument("path", new BsonString("/" + pick(random, WORDS)))
                        .append("durationMs", new BsonInt32(random.nextInt(60_000))));
    }

    private static BsonDocument product(SplittableRandom random, long index) {
        return new BsonDocument()
                .append("sku", new BsonString("SKU-" + index))
                .append("name", new BsonString(pick(random, WORDS) + " " + pick(random, WORDS)))
                .append("category", new BsonString(pick(random, WORDS)))
                .append("price", new BsonDouble(Math.round(random.nextDouble() * 50_000) / 100.0))
                .append("stock", new BsonInt32(random.nextInt(1000)))
                .append("attributes", new BsonDocument("color", new BsonString(pick(random, WORDS)))
                        .append("weightKg", new BsonDouble(Math.round(random.nextDouble() * 2000) / 100.0)))
                .append("tags", strings(random, 1 + random.nextInt(3)));
    }

    private static BsonDocument address(SplittableRandom random) {
        return new BsonDocument("street", new BsonString(random.nextInt(300) + " " + pick(random, WORDS) + " street"))
                .append("city", new BsonString(pick(random, CITIES)))
                .append("zip", new BsonString(String.format("%05d", random.nextInt(100_000))))
                .append("geo", new BsonDocument("type", new BsonString("Point")).append("coordinates", new BsonArray(List.of(
                        new BsonDouble(random.nextDouble() * 360 - 180), new BsonDouble(random.nextDouble() * 180 - 90)))));
    }

    private static BsonDateTime date(SplittableRandom random, long index) {
        return new BsonDateTime((EPOCH_SECONDS + index * 20 + random.nextInt(1000)) * 1000);
    }

    private static BsonArray strings(SplittableRandom random, int n) {
        List<BsonString> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(new BsonString(pick(random, WORDS)));
        }
        return new BsonArray(values);
    }

    static String text(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder(length + 16);
        while (text.length() < length) {
            text.append(pick(random, WORDS)).append(' ');
        }
        text.setLength(length);
        return text.toString();
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
