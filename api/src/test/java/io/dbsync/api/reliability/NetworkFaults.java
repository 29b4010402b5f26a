package io.dbsync.api.reliability;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.MongoDatabase;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.sync.ProgressListener;
import io.dbsync.api.sync.plan.StagingNames;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestServers;
import org.bson.Document;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What the network-fault tests share: which side a fault hits, a mid-copy trigger, and looks at the servers past the proxies. */
final class NetworkFaults {
    private NetworkFaults() {
    }

    /** Which server(s) a fault hits. */
    enum Side {
        SOURCE, TARGET, BOTH;

        List<NetworkFaultProxy> proxies(NetworkFaultApi api) {
            return switch (this) {
                case SOURCE -> List.of(api.sourceProxy());
                case TARGET -> List.of(api.targetProxy());
                case BOTH -> List.of(api.sourceProxy(), api.targetProxy());
            };
        }

        boolean includesTarget() {
            return this != SOURCE;
        }
    }

    /** The embedded pair only: a TCP proxy goes in front of each server. */
    static TestMongo faultableMongo(TestServers servers) {
        TestMongo mongo = servers.mongo();
        assumeTrue(mongo.isEmbedded(), "puts a TCP proxy in front of each server: needs the embedded "
                + "mongo-java-server pair on loopback, not the real MongoDB named by " + TestMongo.REAL_MONGODB_VARIABLE);
        return mongo;
    }

    /** The API behind proxies, answering {@code /syncdb} after half a second so tests get the run id at once. */
    static NetworkFaultApi api(TestServers servers, TestMongo mongo, SyncSettings settings, ProgressListener listener) {
        return servers.track(NetworkFaultApi.start(mongo, ApiSetup.defaults().withSettings(settings).withListener(listener)
                .withWait(Duration.ofMillis(500))));
    }

    /**
     * The longest a black hole may keep a run from failing, from the settings alone: the run's
     * blocking steps each wait at most connect + read (server selection or a connection's set-up,
     * then one reply), and it takes at most one for the scan, one per allowed cursor resume, and one
     * for dropping its staging. (Measured: a lost source cursor costs up to 2 × read before its
     * resume, the stalled getMore and then the driver's killCursors on a fresh connection, which
     * this bound covers while read + connect per step leaves room for it.)
     */
    static Duration configuredBound(SyncSettings settings) {
        Duration step = settings.mongoTimeout().plus(settings.mongoReadTimeout());
        return step.multipliedBy(settings.maxCursorResumes() + 2L);
    }

    /** Runs a fault once, from the insert worker that first sees {@code collection} reach {@code documents}. */
    static final class MidCopyTrigger implements ProgressListener {
        private final String collection;
        private final long documents;
        private final AtomicReference<Runnable> fault = new AtomicReference<>();
        private volatile Instant firedAt;
        private final AtomicLong documentsAtFire = new AtomicLong(-1);

        MidCopyTrigger(String collection, long documents) {
            this.collection = collection;
            this.documents = documents;
        }

        void arm(Runnable newFault) {
            fault.set(newFault);
        }

        @Override
        public void batchWritten(String runId, String name, long documentsSoFar) {
            if (!name.equals(collection) || documentsSoFar < documents) {
                return;
            }
            Runnable action = fault.getAndSet(null);
            if (action != null) {
                documentsAtFire.set(documentsSoFar);
                action.run();
                firedAt = Instant.now();
            }
        }

        Instant firedAt() {
            return firedAt;
        }

        long documentsAtFire() {
            return documentsAtFire.get();
        }
    }

    static void addOrders(MongoDatabase source, long from, int count) {
        List<Document> batch = new ArrayList<>();
        for (long i = from; i < from + count; i++) {
            batch.add(new Document("_id", i).append("customerId", (int) (i % 100)).append("pad", "p".repeat(300)));
            if (batch.size() == 1_000) {
                source.getCollection("orders").insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            source.getCollection("orders").insertMany(batch);
        }
    }

    /** The standby's own collections (staging left out), byte for byte. */
    static MongoSnapshot standby(MongoDatabase target) {
        MongoSnapshot all = MongoSnapshot.of(target);
        all.documentsHex().keySet().removeIf(StagingNames::isStaging);
        all.indexes().keySet().removeIf(StagingNames::isStaging);
        return all;
    }

    static List<String> stagingOn(MongoDatabase target) {
        return target.listCollectionNames().into(new ArrayList<>()).stream().filter(StagingNames::isStaging).toList();
    }

    /** Documents beyond the first with the same {@code _id}, over every collection. */
    static long duplicates(MongoDatabase target) {
        long duplicates = 0;
        for (String name : target.listCollectionNames()) {
            Set<Object> ids = new HashSet<>();
            for (org.bson.RawBsonDocument doc : target.getCollection(name, org.bson.RawBsonDocument.class).find()
                    .projection(new Document("_id", 1)).batchSize(1_000)) {
                if (!ids.add(doc.get("_id"))) {
                    duplicates++;
                }
            }
        }
        return duplicates;
    }

    static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}
