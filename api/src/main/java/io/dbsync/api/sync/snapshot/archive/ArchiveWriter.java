package io.dbsync.api.sync.snapshot.archive;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.bson.RawBsonDocument;

/**
 * Writes a mongodump archive as a stream: {@link #begin} writes the magic number, the header and
 * the prelude; documents then come in any interleaving of namespaces (each change of namespace
 * starts a new block, so hand over whole batches); {@link #endNamespace} writes a namespace's EOF
 * block with its CRC-64; {@link #finish} completes the stream. With {@link Compression#GZIP} the
 * whole stream is one gzip member, as {@code mongodump --archive --gzip} writes it.
 *
 * <p>Memory: documents are written through as they arrive, never collected; the writer holds only
 * a 64 KiB output buffer, the deflater's window and a few counters per namespace. The caller's
 * batch is the largest thing in memory.
 *
 * <p>Methods are synchronized so parallel copiers can share one writer. Until {@link #finish}
 * returns, the archive is incomplete and both mongorestore and {@link ArchiveReader} refuse it.
 */
public final class ArchiveWriter implements Closeable {
    /**
     * Whether the archive stream is gzip-compressed as a whole. Readers cannot tell the levels
     * apart; {@code GZIP_FAST} deflated about ten times faster here for about a third more bytes.
     */
    public enum Compression {
        /** Deflate level 6, the default of Go's gzip and so what mongodump writes. */
        GZIP(6),
        /** Deflate level 1, for when compression would slow a run down. */
        GZIP_FAST(Deflater.BEST_SPEED),
        NONE(-1);

        private final int level;

        Compression(int level) {
            this.level = level;
        }
    }

    private static final int BUFFER_BYTES = 64 * 1024;

    private final OutputStream out;
    private final GZIPOutputStream gzip;
    private final Map<Namespace, NamespaceTally> tallies = new LinkedHashMap<>();
    private final Set<Namespace> views = new HashSet<>();
    private final byte[] scratch = new byte[8 * 1024];
    private Namespace openBlock;
    private boolean begun;
    private boolean finished;

    private ArchiveWriter(OutputStream target, Compression compression) throws IOException {
        this.gzip = compression == Compression.NONE ? null : new GZIPOutputStream(target, BUFFER_BYTES) {
            {
                def.setLevel(compression.level);
            }
        };
        this.out = new BufferedOutputStream(gzip != null ? gzip : target, BUFFER_BYTES);
    }

    /** A writer onto {@code target}, which it closes on {@link #close}. */
    public static ArchiveWriter create(OutputStream target, Compression compression) throws IOException {
        return new ArchiveWriter(target, compression);
    }

    /** Writes magic number, header and prelude; every namespace written later must be declared here. */
    public synchronized void begin(ArchiveHeader header, List<NamespaceMetadata> namespaces) throws IOException {
        if (begun) {
            throw new IllegalStateException("the archive has already begun");
        }
        for (NamespaceMetadata metadata : namespaces) {
            Namespace data = metadata.dataNamespace();
            if (tallies.put(data, new NamespaceTally(data)) != null) {
                throw new IllegalArgumentException("namespace " + data + " is declared twice");
            }
            if (metadata.type() == CollectionType.VIEW) {
                views.add(data);
            }
        }
        begun = true;
        out.write(ArchiveFormat.int32(ArchiveFormat.MAGIC));
        out.write(ArchiveFormat.header(header));
        for (NamespaceMetadata metadata : namespaces) {
            out.write(ArchiveFormat.preludeEntry(metadata));
        }
        out.write(ArchiveFormat.int32(ArchiveFormat.TERMINATOR));
    }

    /** Writes one document's bytes unchanged to the namespace's data (for time series: its buckets). */
    public synchronized void write(Namespace namespace, RawBsonDocument document) throws IOException {
        write(namespace, document.getByteBuffer().asNIO());
    }

    /** Writes every document of the batch, in order, in one block. */
    public synchronized void writeBatch(Namespace namespace, List<RawBsonDocument> batch) throws IOException {
        for (RawBsonDocument document : batch) {
            write(namespace, document);
        }
    }

    /**
     * Writes one BSON document given as the bytes between the buffer's position and limit; the
     * buffer is not moved. Its length field must match and it must not exceed 16 MiB, the most
     * mongorestore reads.
     */
    public synchronized void write(Namespace namespace, ByteBuffer document) throws IOException {
        NamespaceTally tally = openTally(namespace);
        if (views.contains(namespace)) {
            throw new IllegalStateException(namespace + " is a view; an archive holds no documents for it");
        }
        checkFraming(namespace, document);
        if (!namespace.equals(openBlock)) {
            switchBlock(namespace, tally);
        }
        copy(document);
        tally.add(document);
    }

    /**
     * Completes a namespace with its EOF block (an empty one first if it had no documents, as
     * mongodump does) and returns its figures. Nothing more may be written to it.
     */
    public synchronized NamespaceFigures endNamespace(Namespace namespace) throws IOException {
        NamespaceTally tally = openTally(namespace);
        if (tally.blocks() == 0) {
            switchBlock(namespace, tally);
        }
        if (openBlock != null) {
            out.write(ArchiveFormat.int32(ArchiveFormat.TERMINATOR));
            openBlock = null;
        }
        out.write(ArchiveFormat.blockHeader(namespace, true, tally.crc()));
        out.write(ArchiveFormat.int32(ArchiveFormat.TERMINATOR));
        return tally.end();
    }

    /** Completes the stream (gzip trailer included) and returns every namespace's figures, in prelude order. */
    public synchronized List<NamespaceFigures> finish() throws IOException {
        List<String> open = tallies.entrySet().stream().filter(e -> !e.getValue().ended())
                .map(e -> e.getKey().toString()).toList();
        if (!begun || !open.isEmpty()) {
            throw new IllegalStateException("the archive cannot be finished: namespaces not ended " + open);
        }
        out.flush();
        if (gzip != null) {
            gzip.finish();
        }
        out.flush();
        finished = true;
        List<NamespaceFigures> figures = new ArrayList<>();
        tallies.values().forEach(tally -> figures.add(tally.figures()));
        return figures;
    }

    public synchronized boolean isFinished() {
        return finished;
    }

    /** Closes the target; an archive not {@link #finish finished} stays incomplete. */
    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    private NamespaceTally openTally(Namespace namespace) {
        if (!begun || finished) {
            throw new IllegalStateException("the archive is not open for documents");
        }
        NamespaceTally tally = tallies.get(namespace);
        if (tally == null) {
            throw new IllegalArgumentException("namespace " + namespace + " is not in the archive's prelude");
        }
        if (tally.ended()) {
            throw new IllegalStateException("namespace " + namespace + " has already ended");
        }
        return tally;
    }

    private void switchBlock(Namespace namespace, NamespaceTally tally) throws IOException {
        if (openBlock != null) {
            out.write(ArchiveFormat.int32(ArchiveFormat.TERMINATOR));
        }
        out.write(ArchiveFormat.blockHeader(namespace, false, 0));
        openBlock = namespace;
        tally.blockOpened();
    }

    private static void checkFraming(Namespace namespace, ByteBuffer document) {
        int length = document.remaining();
        if (length < ArchiveFormat.MIN_DOCUMENT_BYTES || length > ArchiveFormat.MAX_WRITTEN_DOCUMENT_BYTES) {
            throw new IllegalArgumentException("a document of " + length + " bytes for " + namespace
                    + " is outside 5 bytes to 16 MiB");
        }
        int declared = document.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(document.position());
        if (declared != length || document.get(document.limit() - 1) != 0) {
            throw new IllegalArgumentException("a document for " + namespace + " is not one whole BSON document");
        }
    }

    private void copy(ByteBuffer document) throws IOException {
        if (document.hasArray()) {
            out.write(document.array(), document.arrayOffset() + document.position(), document.remaining());
            return;
        }
        ByteBuffer source = document.duplicate();
        while (source.hasRemaining()) {
            int chunk = Math.min(scratch.length, source.remaining());
            source.get(scratch, 0, chunk);
            out.write(scratch, 0, chunk);
        }
    }
}
