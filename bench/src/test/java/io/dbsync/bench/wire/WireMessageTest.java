package io.dbsync.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class WireMessageTest {

    @Test
    void readsTheHeaderTheCommandAndItsCollection() {
        byte[] bytes = WireBytes.opMsg(7, 0, 0, new BsonDocument("find", new BsonString("orders"))
                .append("$db", new BsonString("shop")), null);

        WireMessage message = WireMessage.decode(bytes, bytes.length);

        assertThat(message).isEqualTo(new WireMessage(bytes.length, 7, 0, WireMessage.OP_MSG, false, "find", "orders"));
        assertThat(message.isReply()).isFalse();
    }

    @Test
    void readsGetMoresCollectionFromItsSecondField() {
        byte[] bytes = WireBytes.opMsg(8, 0, 0, new BsonDocument("getMore", new BsonInt64(123456789L))
                .append("collection", new BsonString("orders.archive")), null);

        assertThat(WireMessage.decode(bytes, bytes.length).collection()).isEqualTo("orders.archive");
    }

    @Test
    void takesTheCollectionOutOfRenameCollectionsNamespace() {
        byte[] bytes = WireBytes.opMsg(9, 0, 0, new BsonDocument("renameCollection",
                new BsonString("shop.orders__dbsync_staging_ab12cd34")).append("to", new BsonString("shop.orders")), null);

        assertThat(WireMessage.decode(bytes, bytes.length).collection()).isEqualTo("orders__dbsync_staging_ab12cd34");
    }

    @Test
    void findsTheBodyBehindADocumentSequence() {
        byte[] bytes = WireBytes.opMsgSequenceFirst(10, new BsonDocument("insert", new BsonString("customers")), "documents",
                new BsonDocument("_id", new BsonInt32(1)));

        WireMessage message = WireMessage.decode(bytes, bytes.length);

        assertThat(message.command()).isEqualTo("insert");
        assertThat(message.collection()).isEqualTo("customers");
    }

    @Test
    void seesTheMoreToComeFlagOfARequestThatWantsNoReply() {
        byte[] bytes = WireBytes.opMsg(11, 0, 1 << 1, new BsonDocument("insert", new BsonString("events")), null);

        assertThat(WireMessage.decode(bytes, bytes.length).moreToCome()).isTrue();
    }

    @Test
    void readsTheLegacyHandshakeQuery() {
        byte[] bytes = WireBytes.opQuery(1, "admin.$cmd", new BsonDocument("isMaster", new BsonInt32(1)));

        WireMessage message = WireMessage.decode(bytes, bytes.length);

        assertThat(message.opCode()).isEqualTo(WireMessage.OP_QUERY);
        assertThat(message.command()).isEqualTo("isMaster");
    }

    @Test
    void keepsTheCommandNameWhenThePrefixEndsInsideTheCollectionName() {
        String longName = "c".repeat(600);
        byte[] bytes = WireBytes.opMsg(12, 0, 0, new BsonDocument("find", new BsonString(longName)), null);

        WireMessage message = WireMessage.decode(bytes, WireMessageParser.PREFIX_BYTES);

        assertThat(message.length()).isEqualTo(bytes.length);
        assertThat(message.command()).isEqualTo("find");
        assertThat(message.collection()).isEmpty();
    }

    @Test
    void readsARepliesResponseTo() {
        byte[] bytes = WireBytes.opMsg(99, 12, 0, new BsonDocument("ok", new BsonInt32(1)), null);

        WireMessage message = WireMessage.decode(bytes, bytes.length);

        assertThat(message.isReply()).isTrue();
        assertThat(message.responseTo()).isEqualTo(12);
    }

    @Test
    void refusesFewerBytesThanAHeader() {
        assertThatThrownBy(() -> WireMessage.decode(new byte[15], 15)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bytes");
    }
}
