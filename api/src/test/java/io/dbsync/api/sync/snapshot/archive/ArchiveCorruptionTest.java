package io.dbsync.api.sync.snapshot.archive;

import static io.dbsync.api.sync.snapshot.archive.ArchiveSamples.collection;
import static io.dbsync.api.sync.snapshot.archive.ArchiveSamples.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;

class ArchiveCorruptionTest {
    private static final NamespaceMetadata ORDERS = collection("orders");
    private static final NamespaceMetadata ITEMS = collection("items");
    private static final byte[] TERMINATOR = {-1, -1, -1, -1};

    private static byte[] plainArchive() {
        Map<NamespaceMetadata, List<RawBsonDocument>> contents = new LinkedHashMap<>();
        contents.put(ORDERS, ArchiveSamples.documents(40, 0));
        contents.put(ITEMS, ArchiveSamples.documents(25, 1_000));
        return ArchiveSamples.archive(contents, ArchiveWriter.Compression.NONE);
    }

    private static List<ArchiveEvent.Document> documentEvents(byte[] archive) throws IOException {
        return readAll(archive).stream().filter(ArchiveEvent.Document.class::isInstance)
                .map(ArchiveEvent.Document.class::cast).toList();
    }

    private static ArchiveCorruptException refusal(ThrowingCallable reading) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(reading);
        assertThat(thrown).isInstanceOf(ArchiveCorruptException.class);
        return (ArchiveCorruptException) thrown;
    }

    private static int length(RawBsonDocument document) {
        return document.getByteBuffer().remaining();
    }

    @Test
    void refusesAnArchiveWithAFlippedByteInADocumentNamingTheNamespaceAndTheEofBlockOffset() throws IOException {
        byte[] archive = plainArchive();
        List<ArchiveEvent.Document> documents = documentEvents(archive);
        ArchiveEvent.Document victim = documents.get(5);
        ArchiveEvent.Document lastOrder = documents.get(39);
        byte[] damaged = archive.clone();
        damaged[(int) victim.offset() + length(victim.document()) - 3] ^= 0x01;

        ArchiveCorruptException refused = refusal(() -> readAll(damaged));

        assertThat(refused.namespace()).contains(ORDERS.namespace());
        assertThat(refused.offset()).isEqualTo(lastOrder.offset() + length(lastOrder.document()) + TERMINATOR.length);
        assertThat(refused).hasMessageContaining("CRC-64 mismatch").hasMessageContaining("namespace shop.orders")
                .hasMessageContaining("at byte " + refused.offset() + " of the uncompressed stream");
    }

    @Test
    void refusesADamagedLengthFieldAtItsOffset() throws IOException {
        byte[] archive = plainArchive();
        ArchiveEvent.Document victim = documentEvents(archive).get(50);
        byte[] damaged = archive.clone();
        damaged[(int) victim.offset() + 3] = (byte) 0x7f;

        ArchiveCorruptException refused = refusal(() -> readAll(damaged));

        assertThat(refused.namespace()).contains(ITEMS.namespace());
        assertThat(refused.offset()).isEqualTo(victim.offset());
        assertThat(refused).hasMessageContaining("is neither a BSON document length");
    }

    @Test
    void refusesAGzipArchiveWithAFlippedByte() throws IOException {
        byte[] archive = ArchiveSamples.archive(Map.of(ORDERS, ArchiveSamples.documents(400, 0)), ArchiveWriter.Compression.GZIP);
        byte[] damaged = archive.clone();
        damaged[damaged.length / 2] ^= 0x10;

        assertThat(refusal(() -> readAll(damaged))).hasMessageStartingWith("damaged archive: ");
    }

    @Test
    void refusesAGzipArchiveCutShort() throws IOException {
        byte[] archive = ArchiveSamples.archive(Map.of(ORDERS, ArchiveSamples.documents(400, 0)), ArchiveWriter.Compression.GZIP);
        byte[] cut = Arrays.copyOf(archive, archive.length / 2);

        ArchiveCorruptException refused = refusal(() -> readAll(cut));

        assertThat(refused).hasMessageContaining("the gzip stream is truncated");
        assertThat(refused.namespace()).contains(ORDERS.namespace());
    }

    @Test
    void refusesAnArchiveCutInsideADocument() throws IOException {
        byte[] archive = plainArchive();
        ArchiveEvent.Document victim = documentEvents(archive).get(45);
        byte[] cut = Arrays.copyOf(archive, (int) victim.offset() + 10);

        ArchiveCorruptException refused = refusal(() -> readAll(cut));

        assertThat(refused).hasMessageContaining("truncated: it ends inside a document of " + length(victim.document()));
        assertThat(refused.namespace()).contains(ITEMS.namespace());
        assertThat(refused.offset()).isEqualTo(cut.length);
    }

    @Test
    void refusesAnArchiveCutBetweenBlocksNamingTheNamespaceLeftOpen() throws IOException {
        byte[] archive = plainArchive();
        List<ArchiveEvent.Document> documents = documentEvents(archive);
        ArchiveEvent.Document firstItem = documents.get(40);
        byte[] cut = Arrays.copyOf(archive, (int) firstItem.offset() - ArchiveFormat.blockHeader(ITEMS.namespace(), false, 0).length);

        ArchiveCorruptException refused = refusal(() -> readAll(cut));

        assertThat(refused).hasMessageContaining("ends before this namespace's EOF block");
        assertThat(refused.namespace()).contains(ITEMS.namespace());
    }

    @Test
    void refusesAFileWithoutTheMagicNumber() throws IOException {
        byte[] bsonFile = ArchiveSamples.document(1, 40).getByteBuffer().array();
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(bsonFile);
        }

        for (byte[] foreign : List.of(bsonFile, gzipped.toByteArray())) {
            ArchiveCorruptException refused = refusal(() -> ArchiveReader.open(new ByteArrayInputStream(foreign)));
            assertThat(refused).hasMessageContaining("not a mongodump archive").hasMessageContaining("0x6de29981");
            assertThat(refused.offset()).isZero();
            assertThat(refused.namespace()).isEmpty();
        }
    }

    @Test
    void refusesAnEmptyFile() {
        assertThat(refusal(() -> ArchiveReader.open(new ByteArrayInputStream(new byte[0])))).hasMessageContaining("empty");
    }

    @Test
    void refusesLengthFieldsOutOfRange() throws IOException {
        for (int length : List.of(-2, 0, 4, 16 * 1024 * 1024 + 16 * 1024 + 1, Integer.MAX_VALUE)) {
            byte[] archive = withBlock(ArchiveFormat.blockHeader(ORDERS.namespace(), false, 0), ArchiveFormat.int32(length));
            int offset = archive.length - 4;

            ArchiveCorruptException refused = refusal(() -> readAll(archive));

            assertThat(refused).hasMessageContaining(length + " is neither a BSON document length");
            assertThat(refused.offset()).isEqualTo(offset);
            assertThat(refused.namespace()).contains(ORDERS.namespace());
        }
    }

    @Test
    void refusesABlockForANamespaceThePreludeDoesNotName() throws IOException {
        byte[] archive = withBlock(ArchiveFormat.blockHeader(new Namespace("shop", "intruder"), false, 0), TERMINATOR);

        ArchiveCorruptException refused = refusal(() -> readAll(archive));

        assertThat(refused).hasMessageContaining("the prelude does not name");
        assertThat(refused.namespace()).contains(new Namespace("shop", "intruder"));
    }

    @Test
    void refusesToGoOnAfterRefusing() throws IOException {
        byte[] archive = withBlock(ArchiveFormat.blockHeader(ORDERS.namespace(), false, 0), ArchiveFormat.int32(3));
        try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive))) {
            assertThatThrownBy(reader::next).isInstanceOf(ArchiveCorruptException.class);
            assertThatThrownBy(reader::next).isInstanceOf(IllegalStateException.class);
        }
    }

    /** An archive declaring ORDERS whose data is the given raw pieces. */
    private static byte[] withBlock(byte[]... pieces) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArchiveWriter writer = ArchiveWriter.create(bytes, ArchiveWriter.Compression.NONE)) {
            writer.begin(ArchiveSamples.HEADER, List.of(ORDERS));
            writer.close();
        }
        for (byte[] piece : pieces) {
            bytes.writeBytes(piece);
        }
        return bytes.toByteArray();
    }

    @Test
    void anIntactArchiveReadsToTheEnd() throws IOException {
        List<ArchiveEvent> events = readAll(plainArchive());

        assertThat(events).hasSize(40 + 25 + 2);
        assertThat(events.get(40)).isInstanceOfSatisfying(ArchiveEvent.NamespaceEnd.class,
                end -> assertThat(end.figures().documents()).isEqualTo(40));
    }
}
