package io.dbsync.api.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.config.SyncMode;
import io.dbsync.api.runs.StandbyLedger;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.junit.jupiter.api.Test;

class MethodChoiceTest {
    private static final CollectionPlan SMALL = new CollectionPlan("orders", CollectionKind.COLLECTION, new BsonDocument(), 500, 0);
    private static final CollectionPlan LARGE = new CollectionPlan("orders", CollectionKind.COLLECTION, new BsonDocument(), 50_000, 0);
    private static final StandbyLedger.Entry STREAMED = new StandbyLedger.Entry("orders",
            StreamPosition.at(new BsonTimestamp(1, 0)).toJson(), "run-1");

    @Test
    void fullModeAlwaysCopies() {
        assertThat(MethodChoice.choose(SyncMode.FULL, SMALL, STREAMED, true).method()).isEqualTo(CollectionResult.COPY);
    }

    @Test
    void aDeltaNeedsACompleteCopyOnTheStandby() {
        assertThat(MethodChoice.choose(SyncMode.AUTO, SMALL, null, true).reason()).contains("no complete copy");
        assertThat(MethodChoice.choose(SyncMode.DELTA, SMALL, STREAMED, false).reason()).contains("missing on the standby");
        assertThat(MethodChoice.choose(SyncMode.DELTA, SMALL, STREAMED, true).method()).isEqualTo(CollectionResult.STREAM);
        assertThat(MethodChoice.choose(SyncMode.DELTA, SMALL, new StandbyLedger.Entry("orders", null, "r"), true).method())
                .isEqualTo(CollectionResult.DIGEST);
    }

    @Test
    void cappedAndTimeSeriesCollectionsAreAlwaysCopied() {
        CollectionPlan capped = new CollectionPlan("log", CollectionKind.COLLECTION,
                new BsonDocument("capped", BsonBoolean.TRUE), 10, 0);
        CollectionPlan series = new CollectionPlan("ticks", CollectionKind.TIMESERIES, new BsonDocument(), 10, 0);
        assertThat(MethodChoice.choose(SyncMode.DELTA, capped, STREAMED, true).method()).isEqualTo(CollectionResult.COPY);
        assertThat(MethodChoice.choose(SyncMode.AUTO, series, STREAMED, true).method()).isEqualTo(CollectionResult.COPY);
    }

    @Test
    void lostHistoryIsACopyExceptUnderAutoForALargeCollection() {
        assertThat(MethodChoice.fallback(SyncMode.DELTA, LARGE, "history lost").method()).isEqualTo(CollectionResult.COPY);
        assertThat(MethodChoice.fallback(SyncMode.AUTO, SMALL, "history lost").method()).isEqualTo(CollectionResult.COPY);
        MethodChoice auto = MethodChoice.fallback(SyncMode.AUTO, LARGE, "history lost");
        assertThat(auto.method()).isEqualTo(CollectionResult.DIGEST);
        assertThat(auto.reason()).isEqualTo("history lost; compared contents instead");
    }

    @Test
    void anUnreadableStoredPositionFallsBack() {
        MethodChoice choice = MethodChoice.choose(SyncMode.DELTA, SMALL, new StandbyLedger.Entry("orders", "garbage", "r"), true);
        assertThat(choice.method()).isEqualTo(CollectionResult.COPY);
        assertThat(choice.reason()).contains("unreadable");
    }
}
