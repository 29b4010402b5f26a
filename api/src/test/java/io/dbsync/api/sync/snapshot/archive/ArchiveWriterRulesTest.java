package io.dbsync.api.sync.snapshot.archive;

import static io.dbsync.api.sync.snapshot.archive.ArchiveSamples.HEADER;
import static io.dbsync.api.sync.snapshot.archive.ArchiveSamples.collection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class ArchiveWriterRulesTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private ArchiveWriter begun(NamespaceMetadata... namespaces) throws IOException {
        ArchiveWriter writer = ArchiveWriter.create(bytes, ArchiveWriter.Compression.NONE);
        writer.begin(HEADER, List.of(namespaces));
        return writer;
    }

    @Test
    void refusesDocumentsForANamespaceThePreludeDoesNotName() throws IOException {
        try (ArchiveWriter writer = begun(collection("orders"))) {
            assertThatThrownBy(() -> writer.write(new Namespace("shop", "other"), ArchiveSamples.document(1, 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shop.other");
        }
    }

    @Test
    void refusesDocumentsAfterTheNamespaceEnded() throws IOException {
        NamespaceMetadata orders = collection("orders");
        try (ArchiveWriter writer = begun(orders)) {
            writer.endNamespace(orders.namespace());
            assertThatThrownBy(() -> writer.write(orders.namespace(), ArchiveSamples.document(1, 1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("shop.orders has already ended");
        }
    }

    @Test
    void refusesToFinishWhileANamespaceIsOpen() throws IOException {
        NamespaceMetadata orders = collection("orders");
        NamespaceMetadata items = collection("items");
        try (ArchiveWriter writer = begun(orders, items)) {
            writer.endNamespace(orders.namespace());
            assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("shop.items");
            assertThat(writer.isFinished()).isFalse();
        }
    }

    @Test
    void refusesDocumentsForAView() throws IOException {
        NamespaceMetadata view = new NamespaceMetadata("shop", "recent", CollectionType.VIEW,
                new BsonDocument("viewOn", new BsonString("orders")), List.of(), "", 0);
        try (ArchiveWriter writer = begun(view)) {
            assertThatThrownBy(() -> writer.write(view.namespace(), ArchiveSamples.document(1, 1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("view");
        }
    }

    @Test
    void refusesBytesThatAreNotOneWholeDocument() throws IOException {
        NamespaceMetadata orders = collection("orders");
        ByteBuffer document = ArchiveSamples.document(1, 10).getByteBuffer().asNIO();
        ByteBuffer truncated = document.duplicate().limit(document.limit() - 1);
        try (ArchiveWriter writer = begun(orders)) {
            assertThatThrownBy(() -> writer.write(orders.namespace(), truncated))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not one whole BSON document");
            assertThatThrownBy(() -> writer.write(orders.namespace(), ByteBuffer.wrap(new byte[] {4, 0, 0, 0})))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside 5 bytes to 16 MiB");
        }
    }

    @Test
    void refusesADocumentLongerThanMongorestoreReads() throws IOException {
        NamespaceMetadata files = collection("files");
        ByteBuffer huge = ByteBuffer.allocate(16 * 1024 * 1024 + 1);
        huge.order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, huge.capacity());
        try (ArchiveWriter writer = begun(files)) {
            assertThatThrownBy(() -> writer.write(files.namespace(), huge))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16777217 bytes");
        }
    }

    @Test
    void refusesANamespaceDeclaredTwice() throws IOException {
        try (ArchiveWriter writer = ArchiveWriter.create(bytes, ArchiveWriter.Compression.NONE)) {
            assertThatThrownBy(() -> writer.begin(HEADER, List.of(collection("orders"), collection("orders"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("declared twice");
        }
    }

    @Test
    void writesTheDocumentBytesUnchanged() throws IOException {
        NamespaceMetadata orders = collection("orders");
        ByteBuffer direct = ByteBuffer.allocateDirect(10_000);
        direct.put(ArchiveSamples.document(7, 9_000).getByteBuffer().asNIO()).flip();
        try (ArchiveWriter writer = begun(orders)) {
            writer.write(orders.namespace(), direct);
            writer.endNamespace(orders.namespace());
            writer.finish();
        }
        byte[] expected = new byte[direct.remaining()];
        direct.duplicate().get(expected);

        assertThat(ArchiveSamples.documentsByNamespace(ArchiveSamples.readAll(bytes.toByteArray())).get(orders.namespace()))
                .singleElement().satisfies(read -> assertThat(read.getByteBuffer().array()).isEqualTo(expected));
    }
}
