package io.dbsync.api.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the servers a test needs — a MongoDB source and standby ({@link TestMongo}), the API on
 * a fresh PostgreSQL database ({@link TestApi}) — and closes them after the test, newest first.
 * Register it on an instance field: {@code @RegisterExtension final TestServers servers = new TestServers();}
 */
public final class TestServers implements AfterEachCallback {
    /** The user every API started here has. */
    public static final String USER = "operator";
    public static final String PASSWORD = "correct horse battery";

    private final List<AutoCloseable> open = new ArrayList<>();

    /** A source and a standby without change streams. */
    public TestMongo mongo() {
        return track(TestMongo.start());
    }

    /** A source whose collections have change streams (the test server's oplog switched on). */
    public TestMongo mongoWithChangeStreams() {
        return track(TestMongo.startWithChangeStreams());
    }

    /** Both servers with change streams (two replica sets). */
    public TestMongo mongoWithChangeStreamsOnBoth() {
        return track(TestMongo.startWithChangeStreamsOnBoth());
    }

    /** The API on {@code mongo} with {@link ApiSetup#defaults()} and the user {@link #USER}. */
    public TestApi api(TestMongo mongo) {
        return api(mongo, ApiSetup.defaults());
    }

    public TestApi api(TestMongo mongo, ApiSetup setup) {
        TestApi api = track(TestApi.start(mongo, setup));
        api.addUser(USER, PASSWORD);
        return api;
    }

    /** {@code Authorization} header value for {@link #USER}. */
    public static String operator() {
        return TestApi.basic(USER, PASSWORD);
    }

    /** Closes {@code resource} after the test, before everything opened earlier. */
    public <T extends AutoCloseable> T track(T resource) {
        open.add(resource);
        return resource;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception first = null;
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}
