package io.dbsync.api.sync.snapshot.archive;

import java.nio.ByteBuffer;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * The framing of mongo-tools' archive format ({@code common/archive/spec.md}): magic number, header
 * document, prelude documents, terminator, then blocks of a namespace header, documents and a
 * terminator. Control documents carry the field names and BSON types mongo-tools' Go structs
 * marshal to.
 */
final class ArchiveFormat {
    /** Stored little-endian: bytes 6d e2 99 81. */
    static final int MAGIC = 0x8199e26d;
    static final int TERMINATOR = -1;
    static final int MIN_DOCUMENT_BYTES = 5;
    /** mongorestore's parser refuses a longer document, so the writer never writes one. */
    static final int MAX_WRITTEN_DOCUMENT_BYTES = 16 * 1024 * 1024;
    /** The server's own internal limit (16 MiB + 16 KiB); anything longer is damage, not data. */
    static final int MAX_READ_DOCUMENT_BYTES = MAX_WRITTEN_DOCUMENT_BYTES + 16 * 1024;

    /** A namespace block header: documents follow, or ({@code eof}) the namespace is complete. */
    record BlockHeader(Namespace namespace, boolean eof, long crc) {
    }

    private ArchiveFormat() {
    }

    static byte[] int32(int value) {
        return ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    static byte[] header(ArchiveHeader header) {
        return bytes(new BsonDocument("concurrent_collections", new BsonInt32(header.concurrentCollections()))
                .append("version", new BsonString(header.formatVersion()))
                .append("server_version", new BsonString(header.serverVersion()))
                .append("tool_version", new BsonString(header.toolVersion())));
    }

    static byte[] preludeEntry(NamespaceMetadata metadata) {
        long size = metadata.size();
        BsonValue sizeValue = size <= Integer.MAX_VALUE ? new BsonInt32((int) size) : new BsonInt64(size);
        return bytes(new BsonDocument("db", new BsonString(metadata.database()))
                .append("collection", new BsonString(metadata.collection()))
                .append("metadata", new BsonString(metadata.toMetadataJson()))
                .append("size", sizeValue)
                .append("type", new BsonString(metadata.type().wireName())));
    }

    static byte[] blockHeader(Namespace namespace, boolean eof, long crc) {
        return bytes(new BsonDocument("db", new BsonString(namespace.database()))
                .append("collection", new BsonString(namespace.collection()))
                .append("EOF", BsonBoolean.valueOf(eof))
                .append("CRC", new BsonInt64(crc)));
    }

    static ArchiveHeader readHeader(RawBsonDocument document) {
        return new ArchiveHeader(string(document, "version"), string(document, "server_version"),
                string(document, "tool_version"), (int) integer(document, "concurrent_collections"));
    }

    static NamespaceMetadata readPreludeEntry(RawBsonDocument document) {
        return NamespaceMetadata.fromPrelude(string(document, "db"), string(document, "collection"),
                string(document, "metadata"), string(document, "type"), integer(document, "size"));
    }

    static BlockHeader readBlockHeader(RawBsonDocument document) {
        String collection = string(document, "collection");
        if (collection.isEmpty()) {
            throw new IllegalArgumentException("namespace header without a collection");
        }
        BsonValue eof = document.get("EOF");
        return new BlockHeader(new Namespace(string(document, "db"), collection),
                eof != null && eof.isBoolean() && eof.asBoolean().getValue(), integer(document, "CRC"));
    }

    private static byte[] bytes(BsonDocument document) {
        RawBsonDocument raw = new RawBsonDocument(document, new BsonDocumentCodec());
        ByteBuffer buffer = raw.getByteBuffer().asNIO();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** A missing string reads as empty, as Go's decoder leaves the field at its zero value. */
    private static String string(BsonDocument document, String field) {
        BsonValue value = document.get(field);
        if (value == null) {
            return "";
        }
        if (!value.isString()) {
            throw new IllegalArgumentException("field '" + field + "' is a " + value.getBsonType() + ", not a string");
        }
        return value.asString().getValue();
    }

    private static long integer(BsonDocument document, String field) {
        BsonValue value = document.get(field);
        if (value == null) {
            return 0;
        }
        if (value.isInt32() || value.isInt64()) {
            return value.asNumber().longValue();
        }
        throw new IllegalArgumentException("field '" + field + "' is a " + value.getBsonType() + ", not an integer");
    }
}
