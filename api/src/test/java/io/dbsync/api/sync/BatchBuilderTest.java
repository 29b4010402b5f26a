package io.dbsync.api.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.Test;

class BatchBuilderTest {

    private static RawBsonDocument document(int id, int payloadBytes) {
        return new RawBsonDocument(new BsonDocument("_id", new BsonInt32(id))
                .append("payload", new BsonBinary(new byte[payloadBytes])), new BsonDocumentCodec());
    }

    private static List<List<RawBsonDocument>> feed(BatchBuilder builder, List<RawBsonDocument> documents) {
        List<List<RawBsonDocument>> batches = new ArrayList<>();
        for (RawBsonDocument document : documents) {
            List<RawBsonDocument> full = builder.add(document);
            if (full != null) {
                batches.add(full);
            }
        }
        List<RawBsonDocument> last = builder.flush();
        if (last != null) {
            batches.add(last);
        }
        return batches;
    }

    @Test
    void aBatchNeverExceedsTheByteLimit() {
        List<RawBsonDocument> documents = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            documents.add(document(i, 100 + (i * 37) % 900));
        }
        long limit = 10_000;

        List<List<RawBsonDocument>> batches = feed(new BatchBuilder(1_000, limit), documents);

        assertThat(batches).allSatisfy(batch -> assertThat(BatchBuilder.bytesOf(batch)).isLessThanOrEqualTo(limit));
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(500);
        assertThat(batches.size()).isGreaterThan(20);
    }

    @Test
    void aBatchNeverExceedsTheCountLimit() {
        List<RawBsonDocument> documents = new ArrayList<>();
        for (int i = 0; i < 1_050; i++) {
            documents.add(document(i, 10));
        }

        List<List<RawBsonDocument>> batches = feed(new BatchBuilder(100, 1_000_000), documents);

        assertThat(batches).hasSize(11);
        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(100));
        assertThat(batches.get(10)).hasSize(50);
    }

    @Test
    void a16MegabyteDocumentTravelsAlone() {
        RawBsonDocument small = document(1, 100);
        RawBsonDocument huge = document(2, 16 * 1024 * 1024 - 200);

        List<List<RawBsonDocument>> batches = feed(new BatchBuilder(1_000, 8 * 1024 * 1024),
                List.of(small, huge, document(3, 100)));

        assertThat(batches).hasSize(3);
        assertThat(batches.get(1)).containsExactly(huge);
    }

    @Test
    void documentsKeepTheirOrderAcrossBatches() {
        List<RawBsonDocument> documents = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            documents.add(document(i, 50));
        }

        List<RawBsonDocument> flattened = feed(new BatchBuilder(7, 10_000), documents).stream().flatMap(List::stream).toList();

        assertThat(flattened).containsExactlyElementsOf(documents);
    }
}
