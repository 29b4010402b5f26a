package io.dbsync.api.sync.snapshot.archive;

import static io.dbsync.api.sync.snapshot.archive.ArchiveSamples.HEADER;
import static io.dbsync.api.sync.snapshot.archive.ArchiveSamples.collection;
import static io.dbsync.api.sync.snapshot.archive.ArchiveSamples.documentsByNamespace;
import static io.dbsync.api.sync.snapshot.archive.ArchiveSamples.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;

class ArchiveRoundTripTest {

    @Test
    void interleavedNamespacesComeBackWithTheirDocumentsInOrderAndMatchingFigures() throws IOException {
        NamespaceMetadata orders = collection("orders");
        NamespaceMetadata customers = collection("customers");
        NamespaceMetadata empty = collection("empty");
        List<RawBsonDocument> orderDocuments = ArchiveSamples.documents(300, 0);
        List<RawBsonDocument> customerDocuments = ArchiveSamples.documents(120, 10_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<NamespaceFigures> written;
        try (ArchiveWriter writer = ArchiveWriter.create(bytes, ArchiveWriter.Compression.GZIP)) {
            writer.begin(HEADER, List.of(orders, customers, empty));
            for (int from = 0; from < 300; from += 7) {
                writer.writeBatch(orders.namespace(), orderDocuments.subList(from, Math.min(300, from + 7)));
                if (from < 120) {
                    writer.writeBatch(customers.namespace(), customerDocuments.subList(from, Math.min(120, from + 7)));
                }
                if (from == 119) {
                    writer.endNamespace(customers.namespace());
                }
            }
            writer.endNamespace(empty.namespace());
            writer.endNamespace(orders.namespace());
            written = writer.finish();
        }

        byte[] archive = bytes.toByteArray();
        List<ArchiveEvent> events = readAll(archive);

        assertThat(documentsByNamespace(events)).containsOnlyKeys(orders.namespace(), customers.namespace());
        assertThat(documentsByNamespace(events).get(orders.namespace())).isEqualTo(orderDocuments);
        assertThat(documentsByNamespace(events).get(customers.namespace())).isEqualTo(customerDocuments);
        List<NamespaceFigures> read = events.stream().filter(ArchiveEvent.NamespaceEnd.class::isInstance)
                .map(event -> ((ArchiveEvent.NamespaceEnd) event).figures()).toList();
        assertThat(read).containsExactly(written.get(1), written.get(2), written.get(0));
        assertThat(written.get(0).documents()).isEqualTo(300);
        assertThat(written.get(0).crc()).isEqualTo(ArchiveSamples.crcOf(orderDocuments));
        assertThat(written.get(2)).isEqualTo(new NamespaceFigures(empty.namespace(), 0, 0, 0));
        assertThat(new GZIPInputStream(new ByteArrayInputStream(archive)).readAllBytes()).startsWith(0x6d, 0xe2, 0x99, 0x81);
    }

    @Test
    void headerAndPreludeComeBackAsWritten() throws IOException {
        NamespaceMetadata view = new NamespaceMetadata("shop", "big_orders", CollectionType.VIEW,
                new BsonDocument("viewOn", new BsonString("orders")), List.of(), "", 0);
        NamespaceMetadata orders = new NamespaceMetadata("shop", "orders", CollectionType.COLLECTION,
                new BsonDocument("validationLevel", new BsonString("strict")),
                List.of(ArchiveSamples.idIndex(), new BsonDocument("v", new BsonInt32(2))
                        .append("key", new BsonDocument("sku", new BsonInt32(1))).append("name", new BsonString("sku_1"))
                        .append("unique", org.bson.BsonBoolean.TRUE)),
                "0123456789abcdef0123456789abcdef", 123_456);
        Map<NamespaceMetadata, List<RawBsonDocument>> contents = new LinkedHashMap<>();
        contents.put(orders, ArchiveSamples.documents(3, 0));
        contents.put(view, List.of());
        byte[] archive = ArchiveSamples.archive(contents, ArchiveWriter.Compression.NONE);

        try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive))) {
            assertThat(reader.header()).isEqualTo(HEADER);
            assertThat(reader.namespaces()).containsExactly(orders, view);
        }
        assertThat(archive).startsWith(0x6d, 0xe2, 0x99, 0x81);
    }

    @Test
    void aTimeSeriesCollectionsDocumentsLiveInItsBucketsNamespace() throws IOException {
        NamespaceMetadata weather = new NamespaceMetadata("shop", "weather", CollectionType.TIMESERIES,
                new BsonDocument("timeseries", new BsonDocument("timeField", new BsonString("ts"))), List.of(), "", 0);
        List<RawBsonDocument> buckets = ArchiveSamples.documents(4, 0);
        byte[] archive = ArchiveSamples.archive(Map.of(weather, buckets), ArchiveWriter.Compression.GZIP);

        Map<Namespace, List<RawBsonDocument>> read = documentsByNamespace(readAll(archive));

        assertThat(weather.dataNamespace()).isEqualTo(new Namespace("shop", "system.buckets.weather"));
        assertThat(read).containsOnlyKeys(weather.dataNamespace());
        assertThat(read.get(weather.dataNamespace())).isEqualTo(buckets);
    }

    @Test
    void aFifteenMegabyteDocumentSurvivesTheRoundTrip() throws IOException {
        NamespaceMetadata files = collection("files");
        List<RawBsonDocument> documents = List.of(ArchiveSamples.document(1, 10),
                ArchiveSamples.document(2, 15 * 1024 * 1024), ArchiveSamples.document(3, 10));
        byte[] archive = ArchiveSamples.archive(Map.of(files, documents), ArchiveWriter.Compression.GZIP);

        List<ArchiveEvent> events = readAll(archive);

        assertThat(documentsByNamespace(events).get(files.namespace())).isEqualTo(documents);
        assertThat(documents.get(1).getByteBuffer().remaining()).isGreaterThan(15 * 1024 * 1024);
        assertThat(events.get(events.size() - 1)).isEqualTo(new ArchiveEvent.NamespaceEnd(new NamespaceFigures(
                files.namespace(), 3, documents.stream().mapToLong(d -> d.getByteBuffer().remaining()).sum(),
                ArchiveSamples.crcOf(documents))));
    }

    @Test
    void theFastGzipLevelWritesADifferentStreamWithTheSameContent() throws IOException {
        NamespaceMetadata orders = collection("orders");
        List<RawBsonDocument> documents = ArchiveSamples.documents(500, 0);
        byte[] standard = ArchiveSamples.archive(Map.of(orders, documents), ArchiveWriter.Compression.GZIP);
        byte[] fast = ArchiveSamples.archive(Map.of(orders, documents), ArchiveWriter.Compression.GZIP_FAST);

        assertThat(fast).isNotEqualTo(standard);
        assertThat(new GZIPInputStream(new ByteArrayInputStream(fast)).readAllBytes())
                .isEqualTo(new GZIPInputStream(new ByteArrayInputStream(standard)).readAllBytes());
        assertThat(documentsByNamespace(readAll(fast)).get(orders.namespace())).isEqualTo(documents);
    }

    @Test
    void anEmptyNamespaceIsWrittenAsMongodumpWritesIt() throws IOException {
        NamespaceMetadata empty = collection("empty");
        byte[] archive = ArchiveSamples.archive(Map.of(empty, List.of()), ArchiveWriter.Compression.NONE);
        byte[] opening = ArchiveFormat.blockHeader(empty.namespace(), false, 0);
        byte[] eof = ArchiveFormat.blockHeader(empty.namespace(), true, 0);
        byte[] terminator = {-1, -1, -1, -1};

        ByteArrayOutputStream expectedTail = new ByteArrayOutputStream();
        expectedTail.writeBytes(terminator);
        expectedTail.writeBytes(opening);
        expectedTail.writeBytes(terminator);
        expectedTail.writeBytes(eof);
        expectedTail.writeBytes(terminator);

        assertThat(archive).endsWith(expectedTail.toByteArray());
    }
}
