package io.dbsync.api.sync.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbsync.api.sync.plan.SyncFailedException;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class ResumeFilterTest {

    @Test
    void aFreshScanHasNoFilter() {
        assertThat(ResumeFilter.after(null)).isEqualTo(new BsonDocument());
    }

    @Test
    void aResumedScanTakesEverythingNotAtOrBeforeTheLastId() {
        assertThat(ResumeFilter.after(new BsonInt32(41)).toJson()).isEqualTo("{\"_id\": {\"$not\": {\"$lte\": 41}}}");
    }

    @Test
    void nothingFollowsMaxKey() {
        assertThat(ResumeFilter.after(new BsonMaxKey()).toJson()).isEqualTo("{\"_id\": {\"$in\": []}}");
    }

    @Test
    void documentsOfEarlierTypeBracketsAreRecognisedAsAlreadyHandedOn() {
        BsonString last = new BsonString("evt-9");

        assertThat(ResumeFilter.sortsBefore(new BsonMinKey(), last)).isTrue();
        assertThat(ResumeFilter.sortsBefore(BsonNull.VALUE, last)).isTrue();
        assertThat(ResumeFilter.sortsBefore(new BsonInt64(1_000_000), last)).isTrue();
        assertThat(ResumeFilter.sortsBefore(new BsonString("evt-99"), last)).isFalse();
        assertThat(ResumeFilter.sortsBefore(new BsonObjectId(), last)).isFalse();
        assertThat(ResumeFilter.sortsBefore(new BsonDocument(), last)).isFalse();
    }

    @Test
    void typeBracketsFollowMongoDbsSortOrder() {
        assertThat(ResumeFilter.bracketOf(new BsonInt32(1).getBsonType()))
                .isEqualTo(ResumeFilter.bracketOf(new BsonInt64(1).getBsonType()))
                .isLessThan(ResumeFilter.bracketOf(new BsonString("a").getBsonType()));
        assertThat(ResumeFilter.bracketOf(new BsonString("a").getBsonType()))
                .isLessThan(ResumeFilter.bracketOf(new BsonDocument().getBsonType()));
        assertThat(ResumeFilter.bracketOf(new BsonDocument().getBsonType()))
                .isLessThan(ResumeFilter.bracketOf(new BsonObjectId().getBsonType()));
    }

    @Test
    void aRegexIdCannotBeResumedAndSaysSo() {
        assertThatThrownBy(() -> ResumeFilter.after(new BsonRegularExpression("a")))
                .isInstanceOf(SyncFailedException.class).hasMessageContaining("REGULAR_EXPRESSION");
    }
}
