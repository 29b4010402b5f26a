package io.dbsync.api.sync.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.Test;
import java.util.ArrayList;
import java.util.List;

class BatcherTest {

    private static RawBsonDocument document(int id, int payloadBytes) {
        return new RawBsonDocument(new BsonDocument("_id", new BsonInt32(id))
                .append("payload", new BsonBinary(new byte[payloadBytes])), new BsonDocumentCodec());
    }

    private static List<List<RawBsonDocument>> feed(Batcher<RawBsonDocument> builder, List<RawBsonDocument> documents) {
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

        List<List<RawBsonDocument>> batches = feed(Batcher.ofDocuments(new BatchLimits(1_000, limit)), documents);

        assertThat(batches).allSatisfy(batch -> assertThat(Batcher.bytesOf(batch)).isLessThanOrEqualTo(limit));
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(500);
        assertThat(batches.size()).isGreaterThan(20);
    }

    @Test
    void aBatchNeverExceedsTheCountLimit() {
        List<RawBsonDocument> documents = new ArrayList<>();
        for (int i = 0; i < 1_050; i++) {
            documents.add(document(i, 10));
        }

        List<List<RawBsonDocument>> batches = feed(Batcher.ofDocuments(new BatchLimits(100, 1_000_000)), documents);

        assertThat(batches).hasSize(11);
        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(100));
        assertThat(batches.get(10)).hasSize(50);
    }

    @Test
    void a16MegabyteDocumentTravelsAlone() {
        RawBsonDocument small = document(1, 100);
        RawBsonDocument huge = document(2, 16 * 1024 * 1024 - 200);

        List<List<RawBsonDocument>> batches = feed(Batcher.ofDocuments(new BatchLimits(1_000, 8 * 1024 * 1024)),
                List.of(small, huge, document(3, 100)));

        assertThat(batches).hasSize(3);
        assertThat(batches.get(1)).containsExactly(huge);
    }

    @Test
    void idsOfADeleteAreBoundedByCountAlone() {
        Batcher<Integer> ids = new Batcher<>(new BatchLimits(3, 10), id -> 0);
        List<List<Integer>> batches = new ArrayList<>();
        for (int id = 0; id < 7; id++) {
            List<Integer> full = ids.add(id);
            if (full != null) {
                batches.add(full);
            }
        }
        batches.add(ids.flush());

        assertThat(batches).containsExactly(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6));
        assertThat(ids.flush()).isNull();
    }

    @Test
    void documentsKeepTheirOrderAcrossBatches() {
        List<RawBsonDocument> documents = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            documents.add(document(i, 50));
        }

        List<RawBsonDocument> flattened = feed(Batcher.ofDocuments(new BatchLimits(7, 10_000)), documents).stream().flatMap(List::stream).toList();

        assertThat(flattened).containsExactlyElementsOf(documents);
    }
}
