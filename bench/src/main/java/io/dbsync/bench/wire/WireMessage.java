package io.dbsync.bench.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One MongoDB wire-protocol message, as far as its first bytes tell: the 16-byte header
 * (messageLength, requestID, responseTo, opCode, little-endian), and for requests the command name and
 * the collection it names, read from the start of the command document. Only OP_MSG (2013) and the
 * legacy OP_QUERY (2004, the driver's first handshake) carry commands; other opcodes get an empty name.
 *
 * @param length      messageLength: the whole message, header included
 * @param requestId   requestID
 * @param responseTo  responseTo: the requestID this message answers (0 for a request)
 * @param opCode      opCode
 * @param moreToCome  OP_MSG flag bit 1: the sender expects no reply (a client) or will send more (a server)
 * @param command     the command document's first key, or "" when unknown
 * @param collection  the collection the command names (its first value, or getMore's {@code collection}), or ""
 */
public record WireMessage(int length, int requestId, int responseTo, int opCode, boolean moreToCome, String command,
                          String collection) {
    public static final int HEADER_BYTES = 16;
    public static final int OP_REPLY = 1;
    public static final int OP_QUERY = 2004;
    public static final int OP_COMPRESSED = 2012;
    public static final int OP_MSG = 2013;
    private static final int MORE_TO_COME = 1 << 1;
    private static final byte BSON_STRING = 0x02;
    private static final byte BSON_INT32 = 0x10;
    private static final byte BSON_INT64 = 0x12;

    /**
     * Decodes a message from its first bytes ({@code prefix}, at least the header; the rest of the
     * message may be cut off). Whatever cannot be read from the prefix is left empty, never guessed.
     */
    public static WireMessage decode(byte[] prefix, int prefixLength) {
        if (prefixLength < HEADER_BYTES) {
            throw new IllegalArgumentException("a wire message header has 16 bytes, got " + prefixLength);
        }
        ByteBuffer in = ByteBuffer.wrap(prefix, 0, prefixLength).order(ByteOrder.LITTLE_ENDIAN);
        int length = in.getInt();
        int requestId = in.getInt();
        int responseTo = in.getInt();
        int opCode = in.getInt();
        boolean moreToCome = false;
        String[] names = {"", ""};
        try {
            if (opCode == OP_MSG && in.remaining() >= 4) {
                moreToCome = (in.getInt() & MORE_TO_COME) != 0;
                skipDocumentSequences(in);
                if (in.remaining() > 0 && in.get() == 0) {
                    firstElements(in, names);
                }
            } else if (opCode == OP_QUERY && in.remaining() >= 4) {
                in.getInt(); // flags
                String namespace = cString(in);
                in.getInt(); // numberToSkip
                in.getInt(); // numberToReturn
                if (namespace.endsWith(".$cmd")) {
                    firstElements(in, names);
                } else {
                    names = new String[] {"find", collectionOf(namespace)};
                }
            }
        } catch (RuntimeException cutOff) {
            // the prefix ended inside the command document: keep what was read
        }
        return new WireMessage(length, requestId, responseTo, opCode, moreToCome, names[0], names[1]);
    }

    /** OP_MSG sections of kind 1 (document sequences) before the body; drivers send the body first. */
    private static void skipDocumentSequences(ByteBuffer in) {
        while (in.remaining() > 0 && in.get(in.position()) == 1) {
            in.get();
            int size = in.getInt(in.position());
            in.position(in.position() + size);
        }
    }

    /**
     * Fills in the command name and the collection: the first element's key and string value, or
     * getMore's second element. Each is set as soon as it is read, so a cut-off keeps the name.
     */
    private static void firstElements(ByteBuffer in, String[] names) {
        in.getInt(); // document size
        byte type = in.get();
        names[0] = cString(in);
        if (type == BSON_STRING) {
            String value = string(in);
            names[1] = names[0].equalsIgnoreCase("renameCollection") ? collectionOf(value) : value;
        } else if (type == BSON_INT64 || type == BSON_INT32) {
            in.position(in.position() + (type == BSON_INT64 ? 8 : 4));
            byte nextType = in.get();
            String key = cString(in);
            if (nextType == BSON_STRING && key.equals("collection")) {
                names[1] = string(in);
            }
        }
    }

    /** {@code renameCollection} and OP_QUERY name {@code db.collection} (a database name has no dot; a collection name may). */
    private static String collectionOf(String value) {
        int dot = value.indexOf('.');
        return dot < 0 ? value : value.substring(dot + 1);
    }

    private static String string(ByteBuffer in) {
        int size = in.getInt();
        if (size < 1 || size > in.remaining()) {
            throw new IndexOutOfBoundsException("string runs past the prefix");
        }
        String value = new String(in.array(), in.arrayOffset() + in.position(), size - 1, StandardCharsets.UTF_8);
        in.position(in.position() + size);
        return value;
    }

    private static String cString(ByteBuffer in) {
        int start = in.position();
        while (in.get() != 0) {
            // up to the terminating zero; BufferUnderflowException when it is past the prefix
        }
        return new String(in.array(), in.arrayOffset() + start, in.position() - start - 1, StandardCharsets.UTF_8);
    }

    /** Whether this is a reply (it answers a request). */
    public boolean isReply() {
        return responseTo != 0;
    }
}
