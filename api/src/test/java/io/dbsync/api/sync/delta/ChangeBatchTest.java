package io.dbsync.api.sync.delta;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import io.dbsync.api.sync.mongo.BatchLimits;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;

class ChangeBatchTest {
    private static BsonDocument token(int n) {
        return new BsonDocument("_data", new BsonString("t" + n));
    }

    private static ChangeEvent.Upsert upsert(int id, String value) {
        return new ChangeEvent.Upsert(new BsonInt32(id), RawBsonDocument.parse("{\"_id\": " + id + ", \"v\": \"" + value + "\"}"));
    }

    @Test
    void onlyTheLastEventPerIdIsWrittenSoTheWritesCommute() {
        ChangeBatch batch = new ChangeBatch(new BatchLimits(100, 1 << 20));
        batch.add(upsert(1, "inserted"), token(1));
        batch.add(upsert(1, "updated"), token(2));
        batch.add(upsert(2, "inserted"), token(3));
        batch.add(new ChangeEvent.Delete(new BsonInt32(2)), token(4));
        batch.add(new ChangeEvent.Delete(new BsonInt32(3)), token(5));
        batch.add(upsert(3, "re-inserted"), token(6));

        assertThat(batch.events()).isEqualTo(6);
        assertThat(batch.writes()).hasSize(3);
        assertThat(batch.upserts()).isEqualTo(2);
        assertThat(batch.deletes()).isEqualTo(1);
        assertThat(batch.lastToken()).isEqualTo(token(6));
        ReplaceOneModel<?> first = (ReplaceOneModel<?>) batch.writes().get(0);
        assertThat(((RawBsonDocument) first.getReplacement()).getString("v").getValue()).isEqualTo("updated");
        assertThat(first.getReplaceOptions().isUpsert()).isTrue();
        assertThat(batch.writes().get(1)).isInstanceOf(DeleteOneModel.class);
    }

    @Test
    void isFullByEventsOrBytesAndSkippedEventsMoveThePosition() {
        ChangeBatch byCount = new ChangeBatch(new BatchLimits(2, 1 << 20));
        byCount.add(upsert(1, "a"), token(1));
        assertThat(byCount.isFull()).isFalse();
        byCount.skip(token(2));
        assertThat(byCount.isFull()).isTrue();
        assertThat(byCount.lastToken()).isEqualTo(token(2));
        assertThat(byCount.writes()).hasSize(1);

        ChangeBatch byBytes = new ChangeBatch(new BatchLimits(1000, 40));
        byBytes.add(upsert(1, "x".repeat(50)), token(1));
        assertThat(byBytes.isFull()).isTrue();
        byBytes.clear();
        assertThat(byBytes.isEmpty()).isTrue();
        assertThat(byBytes.upsertBytes()).isZero();
    }
}
