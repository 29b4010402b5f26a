package io.dbsync.api.sync.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbsync.api.config.SyncMode;
import io.dbsync.api.store.StandbyLedger;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.junit.jupiter.api.Test;
import java.util.Optional;

class CollectionTaskTest {
    private static final CollectionPlan SMALL = new CollectionPlan("orders", CollectionKind.COLLECTION, new BsonDocument(), 500, 0);
    private static final CollectionPlan LARGE = new CollectionPlan("orders", CollectionKind.COLLECTION, new BsonDocument(), 50_000, 0);
    private static final StandbyLedger.Entry STREAMED = new StandbyLedger.Entry("orders",
            StreamPosition.at(new BsonTimestamp(1, 0)).toJson(), "run-1");

    @Test
    void fullModeAlwaysCopies() {
        assertThat(CollectionTask.choose(SyncMode.FULL, SMALL, Optional.of(STREAMED), true).method()).isEqualTo(Method.COPY);
    }

    @Test
    void aDeltaNeedsACompleteCopyOnTheStandby() {
        assertThat(CollectionTask.choose(SyncMode.AUTO, SMALL, Optional.empty(), true).reason()).contains("no complete copy");
        assertThat(CollectionTask.choose(SyncMode.DELTA, SMALL, Optional.of(STREAMED), false).reason()).contains("missing on the standby");
        assertThat(CollectionTask.choose(SyncMode.DELTA, SMALL, Optional.of(STREAMED), true).method()).isEqualTo(Method.STREAM);
        assertThat(CollectionTask.choose(SyncMode.DELTA, SMALL, Optional.of(new StandbyLedger.Entry("orders", null, "r")), true).method())
                .isEqualTo(Method.COMPARE);
    }

    @Test
    void cappedAndTimeSeriesCollectionsAreAlwaysCopied() {
        CollectionPlan capped = new CollectionPlan("log", CollectionKind.COLLECTION,
                new BsonDocument("capped", BsonBoolean.TRUE), 10, 0);
        CollectionPlan series = new CollectionPlan("ticks", CollectionKind.TIMESERIES, new BsonDocument(), 10, 0);
        assertThat(CollectionTask.choose(SyncMode.DELTA, capped, Optional.of(STREAMED), true).method()).isEqualTo(Method.COPY);
        assertThat(CollectionTask.choose(SyncMode.AUTO, series, Optional.of(STREAMED), true).method()).isEqualTo(Method.COPY);
    }

    @Test
    void lostHistoryIsACopyExceptUnderAutoForALargeCollection() {
        assertThat(CollectionTask.copy(LARGE, null).streamUnusable(SyncMode.DELTA, "history lost").method()).isEqualTo(Method.COPY);
        assertThat(CollectionTask.copy(SMALL, null).streamUnusable(SyncMode.AUTO, "history lost").method()).isEqualTo(Method.COPY);
        CollectionTask auto = CollectionTask.copy(LARGE, null).streamUnusable(SyncMode.AUTO, "history lost");
        assertThat(auto.method()).isEqualTo(Method.COMPARE);
        assertThat(auto.reason()).isEqualTo("history lost; compared contents instead");
    }

    @Test
    void viewsAreRecreatedInEveryMode() {
        CollectionPlan view = new CollectionPlan("open_orders", CollectionKind.VIEW, new BsonDocument(), 0, 0);
        assertThat(CollectionTask.choose(SyncMode.FULL, view, Optional.empty(), false).method()).isEqualTo(Method.VIEW);
        assertThat(CollectionTask.choose(SyncMode.DELTA, view, Optional.of(STREAMED), true).method()).isEqualTo(Method.VIEW);
    }

    @Test
    void onlyAStreamTaskCarriesAPosition() {
        assertThatThrownBy(() -> new CollectionTask(SMALL, Method.COPY, null, StreamPosition.at(new BsonTimestamp(1, 0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CollectionTask(SMALL, Method.STREAM, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFallbackToACopySaysWhy() {
        CollectionTask copy = CollectionTask.choose(SyncMode.DELTA, SMALL, Optional.of(STREAMED), true)
                .copyInstead("a unique index refused a delta write");
        assertThat(copy.method()).isEqualTo(Method.COPY);
        assertThat(copy.reason()).isEqualTo("a unique index refused a delta write; copied in full instead");
        assertThat(copy.position()).isNull();
    }

    @Test
    void anUnreadableStoredPositionFallsBack() {
        CollectionTask choice = CollectionTask.choose(SyncMode.DELTA, SMALL, Optional.of(new StandbyLedger.Entry("orders", "garbage", "r")), true);
        assertThat(choice.method()).isEqualTo(Method.COPY);
        assertThat(choice.reason()).contains("unreadable");
    }
}
