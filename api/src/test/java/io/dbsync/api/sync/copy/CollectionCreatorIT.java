package io.dbsync.api.sync.copy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dbsync.testkit.atlas.AtlasProfile;
import io.dbsync.testkit.atlas.AtlasServer;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/**
 * Reliability case 28, options: a source collection created with a {@code storageEngine} option
 * (real servers report it in listCollections) is created on an Atlas shared tier without it — the
 * tier refuses it — and the result names the dropped option instead of failing the run.
 */
class CollectionCreatorIT {

    @Test
    void anOptionTheStandbyRefusesAsDisallowedIsDroppedAndNamed() {
        try (AtlasServer standby = AtlasServer.start(AtlasProfile.m0().withOpsPerSecond(0));
             MongoClient client = MongoClients.create(standby.uri())) {
            BsonDocument options = BsonDocument.parse("{storageEngine: {wiredTiger: {configString: 'block_compressor=zstd'}},"
                    + " validationLevel: 'moderate'}");

            CollectionCreator.Created created = CollectionCreator.create(client.getDatabase("shop_standby"), "orders", options);

            assertThat(created.droppedOptions()).containsExactly("storageEngine");
            assertThat(client.getDatabase("shop_standby").listCollectionNames().into(new java.util.ArrayList<>()))
                    .contains("orders");
        }
    }
}
