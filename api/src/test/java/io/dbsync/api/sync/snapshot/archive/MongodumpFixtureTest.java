package io.dbsync.api.sync.snapshot.archive;

import static io.dbsync.api.sync.snapshot.archive.MongodumpFixtureData.AUDIT;
import static io.dbsync.api.sync.snapshot.archive.MongodumpFixtureData.CUSTOMERS;
import static io.dbsync.api.sync.snapshot.archive.MongodumpFixtureData.DATABASE;
import static io.dbsync.api.sync.snapshot.archive.MongodumpFixtureData.SESSIONS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.Test;

/**
 * Reads the archive that mongodump 100.8.0 wrote (resources snapshot/README.md says how) and
 * checks it against the data that was loaded, {@link MongodumpFixtureData}.
 */
class MongodumpFixtureTest {
    private static final String FIXTURE = "/snapshot/mongodump-100.8.0.archive.gz";

    private static byte[] fixture() throws IOException {
        try (InputStream in = MongodumpFixtureTest.class.getResourceAsStream(FIXTURE)) {
            assertThat(in).as(FIXTURE).isNotNull();
            return in.readAllBytes();
        }
    }

    private static BsonDocument index(BsonDocument key, String name) {
        return new BsonDocument("key", key).append("name", new BsonString(name)).append("v", new BsonInt32(2));
    }

    private static BsonDocument idIndex() {
        return index(new BsonDocument("_id", new BsonInt32(1)), "_id_");
    }

    @Test
    void readsMongodumpsHeaderAndPrelude() throws IOException {
        try (ArchiveReader reader = ArchiveReader.open(MongodumpFixtureTest.class.getResourceAsStream(FIXTURE))) {
            assertThat(reader.header()).isEqualTo(new ArchiveHeader("0.1", "5.0.0", "100.8.0", 4));
            List<NamespaceMetadata> namespaces = reader.namespaces();

            assertThat(namespaces).extracting(NamespaceMetadata::namespace).containsExactly(
                    new Namespace(DATABASE, CUSTOMERS), new Namespace(DATABASE, SESSIONS), new Namespace(DATABASE, AUDIT));
            assertThat(namespaces).allSatisfy(metadata -> {
                assertThat(metadata.type()).isEqualTo(CollectionType.COLLECTION);
                assertThat(metadata.options()).isEmpty(); // mongo-java-server reports no options
                assertThat(metadata.uuid()).isEmpty(); // nor collection UUIDs
                assertThat(metadata.size()).isZero(); // mongodump never fills it in
            });
            assertThat(namespaces.get(0).indexes()).containsExactly(idIndex(),
                    index(MongodumpFixtureData.customersEmailIndexKey(), "email_1").append("unique", BsonBoolean.TRUE),
                    index(MongodumpFixtureData.customersNameIndexKey(), "lastName_1_firstName_-1"));
            // The driver sends expireAfterSeconds as a 64-bit integer, and the server keeps it so.
            assertThat(namespaces.get(1).indexes()).containsExactly(idIndex(),
                    index(MongodumpFixtureData.sessionsTtlIndexKey(), "createdAt_1")
                            .append("expireAfterSeconds", new BsonInt64(MongodumpFixtureData.SESSIONS_TTL_SECONDS)));
            assertThat(namespaces.get(2).indexes()).containsExactly(idIndex());
        }
    }

    @Test
    void readsTheDocumentsMongodumpWroteByteForByteWithMatchingCrcs() throws IOException {
        List<ArchiveEvent> events = ArchiveSamples.readAll(fixture());
        Map<Namespace, List<RawBsonDocument>> documents = ArchiveSamples.documentsByNamespace(events);
        List<NamespaceFigures> ends = events.stream().filter(ArchiveEvent.NamespaceEnd.class::isInstance)
                .map(event -> ((ArchiveEvent.NamespaceEnd) event).figures()).toList();

        assertThat(documents.get(new Namespace(DATABASE, CUSTOMERS))).isEqualTo(MongodumpFixtureData.customers());
        assertThat(documents.get(new Namespace(DATABASE, SESSIONS))).isEqualTo(MongodumpFixtureData.sessions());
        assertThat(documents).doesNotContainKey(new Namespace(DATABASE, AUDIT));
        // mongodump finished the collections in this order: audit, sessions, customers.
        assertThat(ends).extracting(NamespaceFigures::namespace).containsExactly(
                new Namespace(DATABASE, AUDIT), new Namespace(DATABASE, SESSIONS), new Namespace(DATABASE, CUSTOMERS));
        assertThat(ends).extracting(NamespaceFigures::documents).containsExactly(0L, 20L, 30L);
        assertThat(ends).extracting(NamespaceFigures::bytes).containsExactly(0L,
                bytesOf(MongodumpFixtureData.sessions()), bytesOf(MongodumpFixtureData.customers()));
        assertThat(ends).extracting(NamespaceFigures::crc).containsExactly(0L,
                ArchiveSamples.crcOf(MongodumpFixtureData.sessions()), ArchiveSamples.crcOf(MongodumpFixtureData.customers()));
        assertThat(ends.get(2).crcHex()).isEqualTo("2c98c885fba7035b"); // as the README records it
    }

    @Test
    void rendersMongodumpsMetadataJsonIdentically() throws IOException {
        try (ArchiveReader reader = ArchiveReader.open(MongodumpFixtureTest.class.getResourceAsStream(FIXTURE))) {
            assertThat(reader.namespaces().get(2).toMetadataJson()).isEqualTo("{\"indexes\":[{\"key\":{\"_id\":"
                    + "{\"$numberInt\":\"1\"}},\"name\":\"_id_\",\"v\":{\"$numberInt\":\"2\"}}],\"collectionName\":\"audit\","
                    + "\"type\":\"collection\"}");
        }
    }

    @Test
    void rewritingMongodumpsArchiveWithTheWriterGivesTheSameUncompressedBytes() throws IOException {
        byte[] fixture = fixture();
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        try (ArchiveReader reader = ArchiveReader.open(new java.io.ByteArrayInputStream(fixture));
                ArchiveWriter writer = ArchiveWriter.create(rewritten, ArchiveWriter.Compression.GZIP)) {
            writer.begin(reader.header(), reader.namespaces());
            List<RawBsonDocument> batch = new ArrayList<>();
            for (Optional<ArchiveEvent> event = reader.next(); event.isPresent(); event = reader.next()) {
                if (event.get() instanceof ArchiveEvent.Document document) {
                    batch.add(document.document());
                } else {
                    writer.writeBatch(event.get().namespace(), batch);
                    batch.clear();
                    writer.endNamespace(event.get().namespace());
                }
            }
            writer.finish();
        }

        assertThat(gunzip(rewritten.toByteArray())).isEqualTo(gunzip(fixture));
    }

    private static long bytesOf(List<BsonDocument> documents) {
        return documents.stream().mapToLong(d -> new RawBsonDocument(d, new BsonDocumentCodec()).getByteBuffer().remaining()).sum();
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }
}
