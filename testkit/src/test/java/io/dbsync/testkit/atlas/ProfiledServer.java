package io.dbsync.testkit.atlas;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.concurrent.TimeUnit;

/** A profiled server and a driver client on it, closed together; the tests' fixture. */
final class ProfiledServer implements AutoCloseable {
    final AtlasServer server;
    final MongoClient client;

    private ProfiledServer(AtlasServer server) {
        this.server = server;
        this.client = newClient(server);
    }

    static ProfiledServer start(AtlasProfile profile) {
        return new ProfiledServer(AtlasServer.start(profile));
    }

    /** A profile without the operations budget, so that only the limit under test is in play. */
    static ProfiledServer unthrottled(AtlasProfile profile) {
        return start(profile.withOpsPerSecond(0));
    }

    static MongoClient newClient(AtlasServer server) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.uri()))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(10, TimeUnit.SECONDS).readTimeout(60, TimeUnit.SECONDS))
                .build());
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
