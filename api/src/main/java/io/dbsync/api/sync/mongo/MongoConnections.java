package io.dbsync.api.sync.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dbsync.api.config.MongoEndpoint;
import io.dbsync.api.config.SyncSettings;
import java.util.concurrent.TimeUnit;

/** Builds MongoDB clients whose every wait is bounded, so a lost server fails a run instead of hanging it. */
public final class MongoConnections {
    private MongoConnections() {
    }

    public static MongoClient open(MongoEndpoint endpoint, SyncSettings settings, String applicationName) {
        return open(endpoint, settings, applicationName, new OperationCounter());
    }

    /** A client whose every command {@code operations} counts. */
    public static MongoClient open(MongoEndpoint endpoint, SyncSettings settings, String applicationName,
                                   OperationCounter operations) {
        long connectMs = settings.mongoTimeout().toMillis();
        long readMs = settings.mongoReadTimeout().toMillis();
        MongoClientSettings clientSettings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(endpoint.uri()))
                .applicationName(applicationName)
                .applyToClusterSettings(b -> b.serverSelectionTimeout(connectMs, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(b -> b.connectTimeout((int) connectMs, TimeUnit.MILLISECONDS)
                        .readTimeout((int) readMs, TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(b -> b.maxWaitTime(connectMs, TimeUnit.MILLISECONDS))
                .addCommandListener(operations)
                .build();
        return MongoClients.create(clientSettings);
    }
}
