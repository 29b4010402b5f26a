package io.dbsync.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestServers;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
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
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reliability case 12: generated documents of every BSON type the test server keeps (the
 * deprecated types and binary subtypes it breaks on are left out; see verified-facts) arrive
 * byte-for-byte.
 */
class GeneratedDocumentsIT {
    private static TestMongo mongo;
    private static TestApi api;

    @BeforeContainer
    static void start() {
        mongo = TestMongo.start();
        api = TestApi.start(mongo);
        api.addUser(TestServers.USER, TestServers.PASSWORD);
    }

    @AfterContainer
    static void stop() {
        api.close();
        mongo.close();
    }

    @Property(tries = 3, shrinking = ShrinkingMode.OFF)
    void thousandGeneratedDocumentsArriveByteForByte(@ForAll("documents") List<BsonDocument> bodies) {
        mongo.sourceDb().drop();
        List<BsonDocument> documents = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            BsonDocument document = new BsonDocument("_id", new BsonInt32(i));
            bodies.get(i).forEach(document::append);
            documents.add(document);
        }
        mongo.sourceDb().getCollection("generated", BsonDocument.class).insertMany(documents);

        HttpResponse<String> response = api.send("POST", "/syncdb?force=true", TestServers.operator());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> source = MongoSnapshot.of(mongo.sourceDb()).documentsHex().get("generated");
        List<String> target = MongoSnapshot.of(mongo.targetDb()).documentsHex().get("generated");
        int equal = 0;
        for (int i = 0; i < source.size(); i++) {
            equal += i < target.size() && source.get(i).equals(target.get(i)) ? 1 : 0;
        }
        System.out.println("case=generated-documents rawEqual=" + equal + "/" + source.size());
        assertThat(source).hasSize(1_000);
        assertThat(equal).isEqualTo(1_000);
    }

    @Provide
    Arbitrary<List<BsonDocument>> documents() {
        return document(3).list().ofSize(1_000);
    }

    private static Arbitrary<BsonDocument> document(int depth) {
        Arbitrary<String> keys = Arbitraries.strings().withCharRange('a', 'z').withChars('_', 'é', '中').ofMinLength(1).ofMaxLength(12);
        return Arbitraries.maps(keys, value(depth)).ofMinSize(0).ofMaxSize(depth == 3 ? 12 : 4).map(map -> {
            BsonDocument document = new BsonDocument();
            for (Map.Entry<String, BsonValue> entry : map.entrySet()) {
                if (!entry.getKey().equals("_id")) {
                    document.append(entry.getKey(), entry.getValue());
                }
            }
            return document;
        });
    }

    private static Arbitrary<BsonValue> value(int depth) {
        List<Arbitrary<? extends BsonValue>> scalars = new ArrayList<>(List.of(
                Arbitraries.integers().map(BsonInt32::new),
                Arbitraries.longs().map(BsonInt64::new),
                Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(-0.0)
                        .withSpecialValue(Double.POSITIVE_INFINITY).withSpecialValue(Double.NEGATIVE_INFINITY).map(BsonDouble::new),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e20"), new BigDecimal("1e20")).ofScale(6)
                        .map(d -> new BsonDecimal128(new Decimal128(d))),
                Arbitraries.strings().ofMaxLength(40).map(BsonString::new),
                Arbitraries.of(BsonBoolean.TRUE, BsonBoolean.FALSE),
                Arbitraries.just(BsonNull.VALUE),
                Arbitraries.longs().between(-62_135_596_800_000L, 253_402_300_799_000L).map(BsonDateTime::new),
                Combinators.combine(Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, 1000))
                        .as(BsonTimestamp::new),
                Arbitraries.randomValue(random -> new BsonObjectId(new ObjectId())),
                Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(10),
                        Arbitraries.of("", "i", "im", "imsx", "s", "u")).as(BsonRegularExpression::new),
                Arbitraries.just(new BsonMinKey()),
                Arbitraries.just(new BsonMaxKey()),
                Combinators.combine(Arbitraries.of(BsonBinarySubType.BINARY, BsonBinarySubType.UUID_LEGACY, BsonBinarySubType.UUID_STANDARD),
                        Arbitraries.bytes().array(byte[].class).ofSize(16)).as(BsonBinary::new),
                Arbitraries.strings().ofMaxLength(30).map(code -> new BsonJavaScript("function() { return '" + code.replace("'", "") + "'; }"))));
        if (depth > 1) {
            scalars.add(Arbitraries.lazy(() -> document(depth - 1)));
            scalars.add(Arbitraries.lazy(() -> value(depth - 1).list().ofMaxSize(5).map(BsonArray::new)));
        }
        return Arbitraries.oneOf(scalars).map(v -> (BsonValue) v);
    }
}
