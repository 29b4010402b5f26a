package io.dbsync.api.sync;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class VerificationTest {
    private static final List<BsonDocument> INDEXES = List.of(BsonDocument.parse("{key: {a: 1}, name: 'a_1'}"));

    @Test
    void matchingCountsAndIndexesPass() {
        assertThatCode(() -> Verification.check("orders", 10, 10, 10, INDEXES, INDEXES)).doesNotThrowAnyException();
    }

    @Test
    void aStagingCollectionThatLostOrGainedADocumentFails() {
        assertThatThrownBy(() -> Verification.check("orders", 10, 10, 9, INDEXES, INDEXES))
                .isInstanceOf(VerificationException.class).hasMessageContaining("orders").hasMessageContaining("staging holds 9");
        assertThatThrownBy(() -> Verification.check("orders", 10, 10, 11, INDEXES, INDEXES))
                .isInstanceOf(VerificationException.class).hasMessageContaining("staging holds 11");
    }

    @Test
    void anIndexThatDiffersFails() {
        assertThatThrownBy(() -> Verification.check("orders", 10, 10, 10, INDEXES, List.of()))
                .isInstanceOf(VerificationException.class).hasMessageContaining("index 'a_1' is missing");
    }
}
