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

    /** Connections kept open per client unless the URI says otherwise (half of {@link ParallelReads#AT_ONCE}). */
    static final int WARM_CONNECTIONS = ParallelReads.AT_ONCE / 2;

    /** A client whose every command {@code operations} counts. */
    public static MongoClient open(MongoEndpoint endpoint, SyncSettings settings, String applicationName,
                                   OperationCounter operations) {
        long connectMs = settings.mongoTimeout().toMillis();
        long readMs = settings.mongoReadTimeout().toMillis();
        ConnectionString uri = new ConnectionString(endpoint.uri());
        // A few connections opened in the background, before a run needs them: a run's parallel reads
        // would otherwise each pay a connection's set-up (TCP, TLS, authentication: several round
        // trips to a far-away cluster) on its critical path. The URI's minPoolSize wins.
        int maxConnections = uri.getMaxConnectionPoolSize() != null ? uri.getMaxConnectionPoolSize() : Integer.MAX_VALUE;
        int minConnections = uri.getMinConnectionPoolSize() != null ? uri.getMinConnectionPoolSize()
                : Math.min(WARM_CONNECTIONS, maxConnections);
        MongoClientSettings clientSettings = MongoClientSettings.builder()
                .applyConnectionString(uri)
                .applicationName(applicationName)
                .applyToClusterSettings(b -> b.serverSelectionTimeout(connectMs, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(b -> b.connectTimeout((int) connectMs, TimeUnit.MILLISECONDS)
                        .readTimeout((int) readMs, TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(b -> b.maxWaitTime(connectMs, TimeUnit.MILLISECONDS).minSize(minConnections))
                .addCommandListener(operations)
                .build();
        return MongoClients.create(clientSettings);
    }
}
