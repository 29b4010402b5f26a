package io.dbsync.testkit.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The storage quota: what crosses it is refused with Atlas's code 8000 and message; what shrinks usage always works. */
class StorageQuotaTest {
    private static final long QUOTA = 2 * AtlasProfile.MEGABYTE;
    private static final int PADDING = 100_000;

    private ProfiledServer atlas;
    private MongoCollection<Document> things;

    @BeforeEach
    void start() {
        atlas = ProfiledServer.unthrottled(AtlasProfile.m0().withQuotaBytes(QUOTA));
        things = atlas.client.getDatabase("shop").getCollection("things");
    }

    @AfterEach
    void stop() {
        atlas.close();
    }

    @Test
    void refusesTheInsertThatWouldCrossTheQuotaWithCode8000NamingTheUsageItWouldReach() {
        int stored = fillToJustUnderTheQuota();
        long usedBefore = atlas.server.usedBytes();
        Document big = padded(1_000, 1_500_000); // takes the total from just under 2 MB to over 3 MB

        assertThatThrownBy(() -> things.insertOne(big))
                .isInstanceOfSatisfying(MongoWriteException.class, refused -> {
                    assertThat(refused.getError().getCode()).isEqualTo(8000);
                    assertThat(refused.getError().getMessage()).isEqualTo("you are over your space quota, using 3 MB of 2 MB");
                });
        assertThat(atlas.server.usedBytes()).isEqualTo(usedBefore);
        assertThat(things.countDocuments()).isEqualTo(stored);
    }

    @Test
    void aDeleteFreesRoomForTheInsertThatWasRefused() {
        fillToJustUnderTheQuota();
        Document next = padded(1_000, PADDING);
        assertThatThrownBy(() -> things.insertOne(next)).isInstanceOf(MongoWriteException.class);
        long usedBefore = atlas.server.usedBytes();

        things.deleteOne(Filters.eq("_id", 0));

        assertThat(atlas.server.usedBytes()).isLessThan(usedBefore);
        things.insertOne(padded(1_000, PADDING));
        assertThat(things.countDocuments(Filters.eq("_id", 1_000))).isEqualTo(1);
    }

    @Test
    void dropsFreeEveryByteOfTheirCollections() {
        fillToJustUnderTheQuota();
        MongoCollection<Document> other = atlas.client.getDatabase("shop").getCollection("other");
        other.insertOne(new Document("_id", 1));
        other.createIndex(Indexes.ascending("name"));
        assertThat(atlas.server.usedBytes()).isGreaterThan(QUOTA / 2);

        things.drop();
        other.drop();

        assertThat(atlas.server.usedBytes()).isZero();
    }

    @Test
    void anUnorderedBatchStoresTheDocumentsThatFitAndRefusesTheRest() {
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batch.add(padded(i, PADDING));
        }

        assertThatThrownBy(() -> things.insertMany(batch, new InsertManyOptions().ordered(false)))
                .isInstanceOfSatisfying(MongoBulkWriteException.class, refused -> {
                    assertThat(refused.getWriteErrors()).allSatisfy(error -> assertThat(error.getCode()).isEqualTo(8000));
                    assertThat(refused.getWriteResult().getInsertedCount() + refused.getWriteErrors().size()).isEqualTo(30);
                    assertThat(refused.getWriteResult().getInsertedCount()).isBetween(15, 21);
                });
        assertThat(atlas.server.usedBytes()).isLessThanOrEqualTo(QUOTA);
    }

    @Test
    void refusesAnUpdateThatGrowsADocumentPastTheQuotaAndLeavesItUnchanged() {
        fillToJustUnderTheQuota();

        assertThatThrownBy(() -> things.updateOne(Filters.eq("_id", 0), Updates.set("more", "y".repeat(PADDING))))
                .isInstanceOfSatisfying(MongoWriteException.class, refused -> assertThat(refused.getError().getCode()).isEqualTo(8000));
        assertThat(things.find(Filters.eq("_id", 0)).first()).doesNotContainKey("more");
    }

    @Test
    void anUpdateThatShrinksADocumentWorksAtTheQuota() {
        fillToJustUnderTheQuota();
        long usedBefore = atlas.server.usedBytes();

        things.updateOne(Filters.eq("_id", 0), Updates.set("padding", "short"));

        assertThat(atlas.server.usedBytes()).isLessThan(usedBefore - PADDING + 100);
    }

    @Test
    void refusesAnIndexWhoseEntriesWouldNotFitAndDoesNotCreateIt() {
        fillToJustUnderTheQuota();
        // every entry of an index on the padding costs about as much as the document
        assertThatThrownBy(() -> things.createIndex(Indexes.ascending("padding"), new IndexOptions().name("by_padding")))
                .isInstanceOfSatisfying(MongoCommandException.class, refused -> {
                    assertThat(refused.getErrorCode()).isEqualTo(8000);
                    assertThat(refused.getErrorCodeName()).isEqualTo("AtlasError");
                    assertThat(refused.getErrorMessage()).startsWith("you are over your space quota, using ");
                });
        assertThat(things.listIndexes()).extracting(index -> index.getString("name")).containsExactly("_id_");
    }

    @Test
    void countsTheQuotaOverAllDatabases() {
        fillToJustUnderTheQuota();

        MongoCollection<Document> elsewhere = atlas.client.getDatabase("another").getCollection("things");
        assertThatThrownBy(() -> elsewhere.insertOne(padded(1, PADDING)))
                .isInstanceOfSatisfying(MongoWriteException.class, refused -> assertThat(refused.getError().getCode()).isEqualTo(8000));
    }

    /** Inserts ~100 KB documents one by one until one more would not fit; returns how many are stored. */
    private int fillToJustUnderTheQuota() {
        int stored = 0;
        while (atlas.server.usedBytes() + PADDING + 200 <= QUOTA) {
            things.insertOne(padded(stored, PADDING));
            stored++;
        }
        assertThat(stored).isGreaterThan(10);
        return stored;
    }

    private static Document padded(int id, int bytes) {
        return new Document("_id", id).append("padding", "x".repeat(bytes));
    }
}
