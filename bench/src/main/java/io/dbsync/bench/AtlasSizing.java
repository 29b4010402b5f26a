package io.dbsync.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.List;
import java.util.Map;

/**
 * How many generated documents make a database that fills a given share of an Atlas-profiled
 * standby's quota, counted as the profile counts it (document BSON plus index bytes): a sample is
 * written to a scratch database on the standby itself, its growth read from the server's
 * {@code usedBytes}, and the scratch database dropped again.
 */
final class AtlasSizing {
    static final String PROBE_DB = "bench_atlas_probe";

    /** Bytes per document as the profile counts them, and the documents that make the wanted share. */
    record Sized(double profileBytesPerDocument, long documents, long estimatedStandbyBytes, long sampleDocuments) {
    }

    private AtlasSizing() {
    }

    static Sized size(ServerProcess standby, int docBytes, long sampleDocs, long quotaBytes, double share) throws Exception {
        long before = usedBytes(standby);
        try (MongoClient client = MongoClients.create(standby.uri(PROBE_DB))) {
            DataLoader.load(new DataGenerator(sampleDocs, docBytes), List.of(client.getDatabase(PROBE_DB)), 1);
            long grown = usedBytes(standby) - before;
            client.getDatabase(PROBE_DB).drop();
            return sized(grown, sampleDocs, quotaBytes, share);
        }
    }

    static Sized sized(long sampleBytes, long sampleDocs, long quotaBytes, double share) {
        double perDocument = (double) sampleBytes / sampleDocs;
        long documents = (long) Math.floor(quotaBytes * share / perDocument);
        return new Sized(Stats.round(perDocument, 1), documents, Math.round(documents * perDocument), sampleDocs);
    }

    static long usedBytes(ServerProcess standby) throws Exception {
        Map<String, Object> atlas = SpeedTargets.map(standby.status(-1).get("atlas"));
        if (!(atlas.get("usedBytes") instanceof Number used)) {
            throw new IllegalStateException("the standby server runs no Atlas profile");
        }
        return used.longValue();
    }
}
