package io.dbsync.testkit.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Documents nested at most 50 levels, counted as mongod counts them: a top-level field is level 1. */
class NestingDepthTest {
    private ProfiledServer atlas;
    private MongoCollection<Document> deep;

    @BeforeEach
    void start() {
        atlas = ProfiledServer.unthrottled(AtlasProfile.m0());
        deep = atlas.client.getDatabase("shop").getCollection("deep");
    }

    @AfterEach
    void stop() {
        atlas.close();
    }

    @Test
    void storesADocumentNested50Levels() {
        deep.insertOne(new Document("_id", 1).append("a", nested(49)));

        assertThat(deep.countDocuments()).isEqualTo(1);
    }

    @Test
    void refusesADocumentNested51Levels() {
        assertThatThrownBy(() -> deep.insertOne(new Document("_id", 1).append("a", nested(50))))
                .isInstanceOfSatisfying(MongoWriteException.class, refused -> {
                    assertThat(refused.getError().getCode()).isEqualTo(45);
                    assertThat(refused.getError().getMessage()).isEqualTo("cannot insert document because it exceeds 50 levels of nesting");
                });
        assertThat(deep.countDocuments()).isZero();
    }

    @Test
    void countsArraysAsLevels() {
        Object fiftyOneLevels = List.of(nested(49)); // the array is level 2, the innermost field level 51

        assertThatThrownBy(() -> deep.insertOne(new Document("_id", 1).append("a", fiftyOneLevels)))
                .isInstanceOf(MongoWriteException.class);
    }

    @Test
    void anEmptyDocumentAtTheBottomAddsNoLevel() {
        Document innermost = nested(49);
        Document bottom = innermost;
        while (bottom.get("a") instanceof Document child) {
            bottom = child;
        }
        bottom.put("a", new Document()); // level 50 holds {} and nothing at 51

        deep.insertOne(new Document("_id", 1).append("a", innermost));

        assertThat(deep.countDocuments()).isEqualTo(1);
    }

    @Test
    void refusesAnUpdateThatNestsADocument51Levels() {
        deep.insertOne(new Document("_id", 1));

        assertThatThrownBy(() -> deep.updateOne(Filters.eq("_id", 1), Updates.set("a", nested(50))))
                .isInstanceOfSatisfying(MongoWriteException.class, refused -> {
                    assertThat(refused.getError().getCode()).isEqualTo(45);
                    assertThat(refused.getError().getMessage()).isEqualTo("Document exceeds maximum nesting depth of 50");
                });
        assertThat(deep.find().first()).doesNotContainKey("a");
    }

    /** {@code {a: {a: … {a: 1}}}} with {@code levels} documents below the field that holds it. */
    private static Document nested(int levels) {
        Document document = new Document("a", 1);
        for (int i = 1; i < levels; i++) {
            document = new Document("a", document);
        }
        return document;
    }
}
