package io.dbsync.api.sync.delta;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.BsonInt32;
import org.bson.RawBsonDocument;
import org.bson.codecs.DecoderContext;
import org.junit.jupiter.api.Test;

/**
 * Change events as a real server shapes them (from the change-events reference) and as the test
 * server does, decoded by the driver's own codec.
 */
class ChangeEventTest {
    private static final String NS = "\"ns\": {\"db\": \"shop\", \"coll\": \"orders\"}";

    private static ChangeStreamDocument<RawBsonDocument> event(String json) {
        return ChangeStreamDocument.createCodec(RawBsonDocument.class, MongoClientSettings.getDefaultCodecRegistry())
                .decode(new BsonDocumentReader(BsonDocument.parse(json)), DecoderContext.builder().build());
    }

    @Test
    void realUpdateWithLookedUpDocumentIsAnUpsertOfThatDocument() {
        ChangeEvent change = ChangeEvent.of(event("{\"_id\": {\"_data\": \"82AA\"}, \"operationType\": \"update\", " + NS
                + ", \"documentKey\": {\"_id\": 7}, \"updateDescription\": {\"updatedFields\": {\"qty\": 2},"
                + " \"removedFields\": [], \"truncatedArrays\": []}, \"fullDocument\": {\"_id\": 7, \"qty\": 2}}"), "orders");
        assertThat(change).isInstanceOf(ChangeEvent.Upsert.class);
        ChangeEvent.Upsert upsert = (ChangeEvent.Upsert) change;
        assertThat(upsert.id()).isEqualTo(new BsonInt32(7));
        assertThat(upsert.document().getInt32("qty").getValue()).isEqualTo(2);
    }

    @Test
    void realUpdateOfADocumentDeletedSinceIsIgnoredBecauseItsDeleteFollows() {
        ChangeEvent change = ChangeEvent.of(event("{\"_id\": {\"_data\": \"82AB\"}, \"operationType\": \"update\", " + NS
                + ", \"documentKey\": {\"_id\": 7}, \"updateDescription\": {\"updatedFields\": {\"qty\": 2},"
                + " \"removedFields\": []}, \"fullDocument\": null}"), "orders");
        assertThat(change).isInstanceOf(ChangeEvent.Ignore.class);
    }

    @Test
    void realReplaceInsertAndDeleteAreAppliedByTheirId() {
        assertThat(ChangeEvent.of(event("{\"_id\": {\"_data\": \"82AC\"}, \"operationType\": \"replace\", " + NS
                + ", \"documentKey\": {\"_id\": \"a\"}, \"fullDocument\": {\"_id\": \"a\", \"v\": 1}}"), "orders"))
                .isEqualTo(new ChangeEvent.Upsert(new org.bson.BsonString("a"), RawBsonDocument.parse("{\"_id\": \"a\", \"v\": 1}")));
        assertThat(ChangeEvent.of(event("{\"_id\": {\"_data\": \"82AD\"}, \"operationType\": \"insert\", " + NS
                + ", \"documentKey\": {\"_id\": 1}, \"fullDocument\": {\"_id\": 1}}"), "orders"))
                .isInstanceOf(ChangeEvent.Upsert.class);
        assertThat(ChangeEvent.of(event("{\"_id\": {\"_data\": \"82AE\"}, \"operationType\": \"delete\", " + NS
                + ", \"documentKey\": {\"_id\": 1}}"), "orders"))
                .isEqualTo(new ChangeEvent.Delete(new BsonInt32(1)));
    }

    @Test
    void testServerUpdateCarriesTheSpecInDocumentKeyAndIsStillAppliedFromTheFullDocument() {
        ChangeEvent change = ChangeEvent.of(event("{\"_id\": {\"_data\": \"6b05a1cb00000003\"}, \"operationType\": \"update\","
                + " \"documentKey\": {\"$set\": {\"v\": 2}}, \"fullDocument\": {\"_id\": 1, \"v\": 2},"
                + " \"clusterTime\": {\"$timestamp\": {\"t\": 1795531211, \"i\": 3}}}"), "orders");
        assertThat(change).isEqualTo(new ChangeEvent.Upsert(new BsonInt32(1), RawBsonDocument.parse("{\"_id\": 1, \"v\": 2}")));
    }

    @Test
    void dropRenameAndInvalidateRestartTheCollectionButOtherNamespacesAreIgnored() {
        assertThat(ChangeEvent.of(event("{\"_id\": {\"_data\": \"82B0\"}, \"operationType\": \"drop\", " + NS + "}"), "orders"))
                .isInstanceOf(ChangeEvent.Restart.class);
        assertThat(ChangeEvent.of(event("{\"_id\": {\"_data\": \"82B1\"}, \"operationType\": \"rename\", " + NS
                + ", \"to\": {\"db\": \"shop\", \"coll\": \"old_orders\"}}"), "orders")).isInstanceOf(ChangeEvent.Restart.class);
        assertThat(ChangeEvent.of(event("{\"_id\": {\"_data\": \"82B2\"}, \"operationType\": \"invalidate\"}"), "orders"))
                .isInstanceOf(ChangeEvent.Restart.class);
        assertThat(ChangeEvent.of(event("{\"_id\": {\"_data\": \"82B3\"}, \"operationType\": \"drop\", " + NS + "}"), "customers"))
                .isInstanceOf(ChangeEvent.Ignore.class);
        // The test server's drop event carries no namespace: taken as this collection's, the safe reading.
        assertThat(ChangeEvent.of(event("{\"_id\": {\"_data\": \"6b05\"}, \"operationType\": \"drop\"}"), "customers"))
                .isInstanceOf(ChangeEvent.Restart.class);
        assertThat(ChangeEvent.of(event("{\"_id\": {\"_data\": \"82B4\"}, \"operationType\": \"createIndexes\", " + NS + "}"),
                "orders")).isInstanceOf(ChangeEvent.Ignore.class);
    }

    @Test
    void aDeleteWithoutAnIdCannotBeAppliedAndRestarts() {
        assertThat(ChangeEvent.of(event("{\"_id\": {\"_data\": \"82B5\"}, \"operationType\": \"delete\", " + NS
                + ", \"documentKey\": {\"shardKey\": 1}}"), "orders")).isInstanceOf(ChangeEvent.Restart.class);
    }
}
