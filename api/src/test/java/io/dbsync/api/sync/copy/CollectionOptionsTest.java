package io.dbsync.api.sync.copy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoNamespace;
import io.dbsync.api.sync.plan.CollectionKind;
import io.dbsync.api.sync.plan.CollectionPlan;
import io.dbsync.api.sync.plan.StagingNames;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** The commands that carry a collection's options to the standby (real servers only report them). */
class CollectionOptionsTest {

    @Test
    void stagingIsCreatedWithTheValidatorCollationAndValidationSettings() {
        BsonDocument options = BsonDocument.parse("{validator: {$jsonSchema: {required: ['email']}}, validationLevel: 'strict',"
                + " validationAction: 'error', collation: {locale: 'fr', strength: 2}}");

        BsonDocument command = CollectionCreator.createCommand("people__dbsync_staging", options);

        assertThat(command).isEqualTo(BsonDocument.parse("{create: 'people__dbsync_staging',"
                + " validator: {$jsonSchema: {required: ['email']}}, validationLevel: 'strict', validationAction: 'error',"
                + " collation: {locale: 'fr', strength: 2}}"));
        assertThat(command.getFirstKey()).isEqualTo("create");
    }

    @Test
    void cappedAndClusteredOptionsCarryOverWithoutServerFields() {
        BsonDocument capped = CollectionCreator.createCommand("log", BsonDocument.parse("{capped: true, size: 1048576, max: 1000}"));
        BsonDocument clustered = CollectionCreator.createCommand("c", BsonDocument.parse(
                "{clusteredIndex: {v: 2, key: {_id: 1}, name: '_id_', unique: true}, expireAfterSeconds: 3600, autoIndexId: true}"));

        assertThat(capped).isEqualTo(BsonDocument.parse("{create: 'log', capped: true, size: 1048576, max: 1000}"));
        assertThat(clustered).isEqualTo(BsonDocument.parse(
                "{create: 'c', clusteredIndex: {key: {_id: 1}, name: '_id_', unique: true}, expireAfterSeconds: 3600}"));
    }

    @Test
    void aViewIsRecreatedAsItsDefinition() {
        BsonDocument options = BsonDocument.parse("{viewOn: 'orders', pipeline: [{$match: {status: 'open'}}]}");

        assertThat(CollectionCreator.createCommand("open_orders", options)).isEqualTo(
                BsonDocument.parse("{create: 'open_orders', viewOn: 'orders', pipeline: [{$match: {status: 'open'}}]}"));
    }

    @Test
    void aTimeSeriesCollectionIsMovedInWithOutKeepingItsTimeSeriesOptions() {
        BsonDocument options = BsonDocument.parse("{timeseries: {timeField: 't', metaField: 'm', granularity: 'minutes'}}");

        BsonDocument out = Swapper.outStage(new MongoNamespace("standby", "metrics"), options);

        assertThat(out).isEqualTo(BsonDocument.parse(
                "{$out: {db: 'standby', coll: 'metrics', timeseries: {timeField: 't', metaField: 'm', granularity: 'minutes'}}}"));
    }

    @Test
    void cappedAndTimeSeriesCollectionsAreScannedInNaturalOrder() {
        CollectionPlan plain = new CollectionPlan("a", CollectionKind.COLLECTION, new BsonDocument(), 0, 0);
        CollectionPlan capped = new CollectionPlan("b", CollectionKind.COLLECTION, BsonDocument.parse("{capped: true}"), 0, 0);
        CollectionPlan series = new CollectionPlan("c", CollectionKind.TIMESERIES, new BsonDocument(), 0, 0);

        assertThat(plain.scansInIdOrder()).isTrue();
        assertThat(capped.scansInIdOrder()).isFalse();
        assertThat(series.scansInIdOrder()).isFalse();
        assertThat(CollectionKind.fromListCollectionsType("view")).isEqualTo(CollectionKind.VIEW);
        assertThat(CollectionKind.fromListCollectionsType("timeseries")).isEqualTo(CollectionKind.TIMESERIES);
    }

    @Test
    void systemAndStagingNamespacesAreNeverCopied() {
        assertThat(StagingNames.isSkipped("system.views")).isTrue();
        assertThat(StagingNames.isSkipped(StagingNames.stagingFor("orders", "1a2b3c4d"))).isTrue();
        assertThat(StagingNames.stagingFor("orders", "1a2b3c4d")).isEqualTo("orders__dbsync_staging_1a2b3c4d");
        assertThat(StagingNames.isSkipped("orders")).isFalse();
    }
}
