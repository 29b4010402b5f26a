package io.dbsync.api.sync.snapshot.archive;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.bson.RawBsonDocument;

/**
 * The uncompressed archive stream, read field by field while counting its offset. Gzip is
 * recognised by its own magic bytes (1f 8b), so callers need not say whether an archive is
 * compressed. Damage in the gzip layer surfaces here as {@link ArchiveCorruptException}.
 */
final class ArchiveInput implements Closeable {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final InputStream in;
    private long offset;

    private ArchiveInput(InputStream in) {
        this.in = in;
    }

    static ArchiveInput open(InputStream raw) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER_BYTES);
        buffered.mark(2);
        boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
        buffered.reset();
        if (!gzip) {
            return new ArchiveInput(buffered);
        }
        try {
            return new ArchiveInput(new BufferedInputStream(new GZIPInputStream(buffered, BUFFER_BYTES), BUFFER_BYTES));
        } catch (ZipException | EOFException e) {
            throw new ArchiveCorruptException("the gzip header is damaged: " + e.getMessage(), Optional.empty(), 0, e);
        }
    }

    long offset() {
        return offset;
    }

    /** True when the stream ends here, cleanly, between two fields. */
    boolean atEnd(Optional<Namespace> where) throws IOException {
        try {
            in.mark(1);
            if (in.read() == -1) {
                return true;
            }
            in.reset();
            return false;
        } catch (ZipException | EOFException e) {
            throw gzipDamage(e, where);
        }
    }

    /** A little-endian int32: a document length or the terminator. */
    int readInt32(Optional<Namespace> where) throws IOException {
        byte[] bytes = new byte[4];
        readFully(bytes, 0, 4, where, "a length field");
        return (bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8 | (bytes[2] & 0xFF) << 16 | (bytes[3] & 0xFF) << 24;
    }

    /**
     * The rest of a BSON document whose length field (starting at {@code start}) was just read.
     * Lengths below 5 bytes or above the server's 16 MiB + 16 KiB are refused before anything is
     * allocated, so a damaged length cannot exhaust memory.
     */
    RawBsonDocument readDocument(int length, long start, Optional<Namespace> where) throws IOException {
        if (length < ArchiveFormat.MIN_DOCUMENT_BYTES || length > ArchiveFormat.MAX_READ_DOCUMENT_BYTES) {
            throw new ArchiveCorruptException(length + " is neither a BSON document length (5 bytes to 16 MiB + 16 KiB)"
                    + " nor the terminator", where, start);
        }
        byte[] document = new byte[length];
        document[0] = (byte) length;
        document[1] = (byte) (length >>> 8);
        document[2] = (byte) (length >>> 16);
        document[3] = (byte) (length >>> 24);
        readFully(document, 4, length - 4, where, "a document of " + length + " bytes");
        if (document[length - 1] != 0) {
            throw new ArchiveCorruptException("a document of " + length + " bytes does not end with a zero byte", where, start);
        }
        return new RawBsonDocument(document);
    }

    private void readFully(byte[] target, int from, int length, Optional<Namespace> where, String what) throws IOException {
        int done = 0;
        try {
            while (done < length) {
                int read = in.read(target, from + done, length - done);
                if (read < 0) {
                    throw new ArchiveCorruptException("the archive is truncated: it ends inside " + what, where, offset + done);
                }
                done += read;
            }
        } catch (ZipException | EOFException e) {
            throw gzipDamage(e, where);
        } finally {
            offset += done;
        }
    }

    private ArchiveCorruptException gzipDamage(IOException e, Optional<Namespace> where) {
        String problem = e instanceof EOFException ? "the gzip stream is truncated" : "the gzip stream is damaged";
        String detail = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
        return new ArchiveCorruptException(problem + detail, where, offset, e);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
