package io.dbsync.testkit.atlas;

import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Set;

/**
 * Refuses, before mongo-java-server sees them, the commands and options Atlas's shared tiers refuse:
 * the unsupported commands, {@code create} with {@code storageEngine}, {@code find} with
 * {@code noCursorTimeout}, {@code dbStats} on {@code local} and {@code config}, and writes to
 * {@code local} and {@code config}.
 */
final class CommandGate {
    private static final Set<String> SYSTEM_DATABASES = Set.of("local", "config");

    void check(String database, String command, Document query) {
        String key = Commands.key(command);
        if (Commands.REFUSED.contains(key)) {
            throw AtlasErrors.commandNotAllowed(command);
        }
        if (key.equals("create") && query.containsKey("storageEngine")) {
            throw AtlasErrors.storageEngineDisallowed();
        }
        if (key.equals("find") && Utils.isTrue(query.get("noCursorTimeout"))) {
            throw AtlasErrors.noTimeoutCursor();
        }
        if (SYSTEM_DATABASES.contains(database)) {
            if (key.equals("dbstats")) {
                throw AtlasErrors.commandNotAllowed(command);
            }
            if (Commands.isWrite(command, query)) {
                throw AtlasErrors.notAllowedInTier(command);
            }
        }
    }
}
