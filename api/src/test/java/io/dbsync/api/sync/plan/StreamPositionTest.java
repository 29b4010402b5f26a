package io.dbsync.api.sync.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbsync.api.sync.mongo.ClusterClock;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.junit.jupiter.api.Test;

class StreamPositionTest {
    @Test
    void tokensAndTimesSurviveTheLedgerRoundTrip() {
        StreamPosition token = StreamPosition.after(new BsonDocument("_data", new BsonString("8263F1A2B3000000012B0229")));
        StreamPosition time = StreamPosition.at(new BsonTimestamp(1_795_531_211, 7));
        assertThat(StreamPosition.parse(token.toJson())).isEqualTo(token);
        assertThat(StreamPosition.parse(time.toJson())).isEqualTo(time);
        assertThat(time.toJson()).contains("startAtOperationTime").contains("1795531211");
    }

    @Test
    void aMalformedStoredPositionIsRejectedNotGuessed() {
        assertThatThrownBy(() -> StreamPosition.parse("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamPosition.parse("{\"other\": 1}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theClockCeilingCoversTheWholeSecondWhenOnlyWallTimeIsKnown() {
        ClusterClock.Now wall = new ClusterClock.Now(new BsonTimestamp(100, 0), false);
        assertThat(wall.ceiling().compareTo(new BsonTimestamp(100, 99_999))).isPositive();
        assertThat(wall.ceiling().compareTo(new BsonTimestamp(101, 0))).isNegative();
        ClusterClock.Now exact = new ClusterClock.Now(new BsonTimestamp(100, 5), true);
        assertThat(exact.ceiling()).isEqualTo(new BsonTimestamp(100, 5));
    }
}
