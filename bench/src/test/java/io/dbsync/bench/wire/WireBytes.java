package io.dbsync.bench.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/** Wire-protocol messages built byte by byte, as the MongoDB specification lays them out, for the tests. */
public final class WireBytes {
    private WireBytes() {
    }

    /** OP_MSG with a body section (kind 0) and, when {@code sequence} is not null, a document sequence (kind 1) after it. */
    public static byte[] opMsg(int requestId, int responseTo, int flagBits, BsonDocument body, String sequenceId,
                               BsonDocument... sequence) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        write(payload, le(flagBits));
        payload.write(0);
        write(payload, bson(body));
        if (sequenceId != null) {
            payload.write(1);
            ByteArrayOutputStream docs = new ByteArrayOutputStream();
            write(docs, cString(sequenceId));
            for (BsonDocument document : sequence) {
                write(docs, bson(document));
            }
            write(payload, le(4 + docs.size()));
            write(payload, docs.toByteArray());
        }
        return message(requestId, responseTo, WireMessage.OP_MSG, payload.toByteArray());
    }

    /** OP_MSG whose document sequence (kind 1) comes before the body, which the specification allows. */
    public static byte[] opMsgSequenceFirst(int requestId, BsonDocument body, String sequenceId, BsonDocument document) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        write(payload, le(0));
        payload.write(1);
        byte[] id = cString(sequenceId);
        byte[] doc = bson(document);
        write(payload, le(4 + id.length + doc.length));
        write(payload, id);
        write(payload, doc);
        payload.write(0);
        write(payload, bson(body));
        return message(requestId, 0, WireMessage.OP_MSG, payload.toByteArray());
    }

    /** Legacy OP_QUERY, as the driver's first handshake on a connection is sent. */
    public static byte[] opQuery(int requestId, String namespace, BsonDocument query) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        write(payload, le(0));
        write(payload, cString(namespace));
        write(payload, le(0));
        write(payload, le(-1));
        write(payload, bson(query));
        return message(requestId, 0, WireMessage.OP_QUERY, payload.toByteArray());
    }

    public static byte[] message(int requestId, int responseTo, int opCode, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(16 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(16 + payload.length).putInt(requestId).putInt(responseTo).putInt(opCode).put(payload);
        return out.array();
    }

    public static byte[] bson(BsonDocument document) {
        ByteBuffer buffer = new RawBsonDocument(document, new BsonDocumentCodec()).getByteBuffer().asNIO();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            write(out, part);
        }
        return out.toByteArray();
    }

    private static byte[] le(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static byte[] cString(String value) {
        return concat(value.getBytes(StandardCharsets.UTF_8), new byte[] {0});
    }

    private static void write(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes, 0, bytes.length);
    }
}
