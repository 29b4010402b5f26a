package io.dbsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.bson.RawBsonDocument;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class DataGeneratorTest {

    @Test
    void countsAddUpToTheTotalAndLeaveAuditLogEmpty() {
        Map<DataGenerator.Spec, Long> counts = new DataGenerator(10_001, 1024).counts();
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(10_001);
        assertThat(counts.entrySet()).anySatisfy(e -> {
            assertThat(e.getKey().name()).isEqualTo("audit_log");
            assertThat(e.getValue()).isZero();
        });
    }

    @Test
    void meanDocumentSizeIsCloseToDocBytes() {
        assertThat(DataGenerator.meanDocumentBytes(1024)).isBetween(1024 * 0.9, 1024 * 1.1);
        assertThat(DataGenerator.meanDocumentBytes(4096)).isBetween(4096 * 0.95, 4096 * 1.05);
    }

    @Test
    void documentsAreReproducibleAndIdsRiseWithTheIndex() {
        DataGenerator generator = new DataGenerator(1000, 1024);
        DataGenerator.Spec orders = DataGenerator.SPECS.get(0);
        RawBsonDocument first = generator.document(orders, 7);
        assertThat(new DataGenerator(1000, 1024).document(orders, 7)).isEqualTo(first);
        assertThat(first.getFirstKey()).isEqualTo("_id");
        ObjectId previous = null;
        for (long i = 0; i < 500; i++) {
            ObjectId id = generator.document(orders, i).getObjectId("_id").getValue();
            if (previous != null) {
                assertThat(id).isGreaterThan(previous);
            }
            previous = id;
        }
    }
}
