package io.dbsync.api.sync.snapshot.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bson.RawBsonDocument;

/**
 * Reads a mongodump archive as a stream, gzip-compressed or not (recognised by its first bytes).
 * {@link #open} reads the magic number, header and prelude; {@link #next} then yields each
 * document and each namespace's end. A namespace's documents are verified (CRC-64) only by its
 * {@link ArchiveEvent.NamespaceEnd}, and the archive as a whole (every prelude namespace ended,
 * gzip trailer intact) only when {@link #next} returns empty: act on nothing irreversible before.
 *
 * <p>Damage, truncation and foreign files raise {@link ArchiveCorruptException}, naming the
 * namespace and the offset in the uncompressed stream; the reader cannot be used after that.
 *
 * <p>Memory: one document at a time (at most 16 MiB + 16 KiB), handed to the caller, plus a
 * 64 KiB buffer, the inflater's window, the prelude and a few counters per namespace.
 */
public final class ArchiveReader implements Closeable {
    private final ArchiveInput input;
    private final ArchiveHeader header;
    private final List<NamespaceMetadata> namespaces;
    private final Map<Namespace, NamespaceTally> tallies = new LinkedHashMap<>();
    private Namespace block;
    private boolean failed;
    private boolean done;

    private ArchiveReader(ArchiveInput input, ArchiveHeader header, List<NamespaceMetadata> namespaces) {
        this.input = input;
        this.header = header;
        this.namespaces = List.copyOf(namespaces);
        namespaces.forEach(metadata -> tallies.put(metadata.dataNamespace(), new NamespaceTally(metadata.dataNamespace())));
    }

    /**
     * Reads the archive's beginning from {@code in} (closed by {@link #close}).
     *
     * @throws ArchiveCorruptException if it is not a mongodump archive or its prelude is damaged
     */
    public static ArchiveReader open(InputStream in) throws IOException {
        ArchiveInput input = ArchiveInput.open(in);
        if (input.atEnd(Optional.empty())) {
            throw new ArchiveCorruptException("the archive is empty", Optional.empty(), 0);
        }
        int magic = input.readInt32(Optional.empty());
        if (magic != ArchiveFormat.MAGIC) {
            throw new ArchiveCorruptException(String.format("not a mongodump archive: it starts with 0x%08x, not the magic"
                    + " number 0x%08x", Integer.reverseBytes(magic), Integer.reverseBytes(ArchiveFormat.MAGIC)), Optional.empty(), 0);
        }
        ArchiveHeader header = decode(readControl(input, "the header"), ArchiveFormat::readHeader, "the header", 4);
        List<NamespaceMetadata> namespaces = new ArrayList<>();
        while (true) {
            long start = input.offset();
            int length = input.readInt32(Optional.empty());
            if (length == ArchiveFormat.TERMINATOR) {
                break;
            }
            RawBsonDocument entry = input.readDocument(length, start, Optional.empty());
            NamespaceMetadata metadata = decode(entry, ArchiveFormat::readPreludeEntry, "a prelude entry", start);
            if (namespaces.stream().anyMatch(known -> known.dataNamespace().equals(metadata.dataNamespace()))) {
                throw new ArchiveCorruptException("the prelude names it twice", Optional.of(metadata.dataNamespace()), start);
            }
            namespaces.add(metadata);
        }
        return new ArchiveReader(input, header, namespaces);
    }

    public ArchiveHeader header() {
        return header;
    }

    /** The prelude's entries, in archive order. */
    public List<NamespaceMetadata> namespaces() {
        return namespaces;
    }

    /** Bytes of the uncompressed archive stream read so far (for progress and error reports). */
    public long offset() {
        return input.offset();
    }

    /** The next document or namespace end; empty once the whole archive has been read and checked. */
    public Optional<ArchiveEvent> next() throws IOException {
        if (failed) {
            throw new IllegalStateException("the archive reader stopped at an earlier error");
        }
        if (done) {
            return Optional.empty();
        }
        try {
            return step();
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private Optional<ArchiveEvent> step() throws IOException {
        while (true) {
            Optional<Namespace> where = Optional.ofNullable(block);
            if (block == null && input.atEnd(where)) {
                checkAllEnded();
                done = true;
                return Optional.empty();
            }
            long start = input.offset();
            int length = input.readInt32(where);
            if (block == null) {
                if (length == ArchiveFormat.TERMINATOR) {
                    throw new ArchiveCorruptException("a terminator where a namespace header belongs", where, start);
                }
                Optional<ArchiveEvent> end = startBlock(input.readDocument(length, start, where), start);
                if (end.isPresent()) {
                    return end;
                }
            } else if (length == ArchiveFormat.TERMINATOR) {
                block = null;
            } else {
                RawBsonDocument document = input.readDocument(length, start, where);
                tallies.get(block).add(document.getByteBuffer().asNIO());
                return Optional.of(new ArchiveEvent.Document(block, document, start));
            }
        }
    }

    /** Opens a block, or for an EOF header checks the CRC and returns the namespace's end. */
    private Optional<ArchiveEvent> startBlock(RawBsonDocument headerDocument, long start) throws IOException {
        ArchiveFormat.BlockHeader blockHeader = decode(headerDocument, ArchiveFormat::readBlockHeader, "a namespace header", start);
        Namespace namespace = blockHeader.namespace();
        NamespaceTally tally = tallies.get(namespace);
        if (tally == null) {
            throw new ArchiveCorruptException("a block for a namespace the prelude does not name", Optional.of(namespace), start);
        }
        if (tally.ended()) {
            throw new ArchiveCorruptException("a block after the namespace's end", Optional.of(namespace), start);
        }
        if (!blockHeader.eof()) {
            tally.blockOpened();
            block = namespace;
            return Optional.empty();
        }
        if (blockHeader.crc() != tally.crc()) {
            throw new ArchiveCorruptException("CRC-64 mismatch: the EOF block says " + Crc64Ecma.hex(blockHeader.crc())
                    + ", the documents read give " + Crc64Ecma.hex(tally.crc()), Optional.of(namespace), start);
        }
        long terminatorStart = input.offset();
        if (input.readInt32(Optional.of(namespace)) != ArchiveFormat.TERMINATOR) {
            throw new ArchiveCorruptException("data after the namespace's EOF header", Optional.of(namespace), terminatorStart);
        }
        return Optional.of(new ArchiveEvent.NamespaceEnd(tally.end()));
    }

    private void checkAllEnded() {
        for (NamespaceTally tally : tallies.values()) {
            if (!tally.ended()) {
                throw new ArchiveCorruptException("the archive ends before this namespace's EOF block",
                        Optional.of(tally.figures().namespace()), input.offset());
            }
        }
    }

    private static RawBsonDocument readControl(ArchiveInput input, String what) throws IOException {
        long start = input.offset();
        int length = input.readInt32(Optional.empty());
        if (length == ArchiveFormat.TERMINATOR) {
            throw new ArchiveCorruptException("a terminator where " + what + " belongs", Optional.empty(), start);
        }
        return input.readDocument(length, start, Optional.empty());
    }

    private static <T> T decode(RawBsonDocument document, Function<RawBsonDocument, T> decoder, String what, long start) {
        try {
            return decoder.apply(document);
        } catch (RuntimeException e) {
            throw new ArchiveCorruptException(what + " cannot be read: " + e.getMessage(), Optional.empty(), start, e);
        }
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
