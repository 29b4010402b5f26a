package io.dbsync.api.sync.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbsync.api.sync.plan.VerificationException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import java.util.List;

class VerificationTest {
    private static final List<BsonDocument> INDEXES = List.of(BsonDocument.parse("{key: {a: 1}, name: 'a_1'}"));

    @Test
    void matchingCountsAndIndexesPass() {
        assertThatCode(() -> Verification.require(Verification.copiedCounts("orders", 10, 10, 10), Verification.indexes("orders", INDEXES, INDEXES))).doesNotThrowAnyException();
    }

    @Test
    void aStagingCollectionThatLostOrGainedADocumentFails() {
        assertThatThrownBy(() -> Verification.require(Verification.copiedCounts("orders", 10, 10, 9), Verification.indexes("orders", INDEXES, INDEXES)))
                .isInstanceOf(VerificationException.class).hasMessageContaining("orders").hasMessageContaining("staging holds 9");
        assertThatThrownBy(() -> Verification.require(Verification.copiedCounts("orders", 10, 10, 11), Verification.indexes("orders", INDEXES, INDEXES)))
                .isInstanceOf(VerificationException.class).hasMessageContaining("staging holds 11");
    }

    @Test
    void aDeltaWhoseStandbyCountDiffersFailsNamingBothCounts() {
        assertThat(Verification.deltaCounts("orders", "the source holds", 12, 11)).hasValueSatisfying(problem ->
                assertThat(problem).contains("'orders' did not verify after the delta").contains("12").contains("holds 11"));
        assertThat(Verification.deltaCounts("orders", "the source holds", 12, 12)).isEmpty();
    }

    @Test
    void differentDigestsFailNamingWhatWasReadBack() {
        String a = "a".repeat(64);
        String b = "b".repeat(64);
        assertThatThrownBy(() -> Verification.require(Verification.digests("orders", "the staging collection", a, b)))
                .isInstanceOf(VerificationException.class).hasMessageContaining("content digest of the staging collection");
        assertThat(Verification.digests("orders", "the staging collection", a, a)).isEmpty();
    }

    @Test
    void anIndexThatDiffersFails() {
        assertThatThrownBy(() -> Verification.require(Verification.copiedCounts("orders", 10, 10, 10), Verification.indexes("orders", INDEXES, List.of())))
                .isInstanceOf(VerificationException.class).hasMessageContaining("index 'a_1' is missing");
    }
}
