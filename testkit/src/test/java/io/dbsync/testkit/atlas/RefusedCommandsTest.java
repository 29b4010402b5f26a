package io.dbsync.testkit.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CreateCollectionOptions;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The commands and options Atlas's shared tiers refuse, refused with Atlas's code and text. */
class RefusedCommandsTest {
    private ProfiledServer atlas;
    private MongoDatabase shop;

    @BeforeEach
    void start() {
        atlas = ProfiledServer.unthrottled(AtlasProfile.m0());
        shop = atlas.client.getDatabase("shop");
        shop.getCollection("orders").insertOne(new Document("_id", 1));
    }

    @AfterEach
    void stop() {
        atlas.close();
    }

    /** Atlas's "Unsupported Commands in M0 and Flex Clusters", spelled as its page spells them. */
    @ParameterizedTest
    @ValueSource(strings = {"_migrateClone", "_recvChunkAbort", "_recvChunkCommit", "_recvChunkStart", "_recvChunkStatus",
        "_transferMods", "appendOplogNote", "applyOps", "authenticate", "autoCompact", "authSchemaUpgrade", "cleanupOrphaned",
        "cloneCollection", "cloneCollectionAsCapped", "compact", "copydbgetnonce", "copydbsaslstart", "createRole", "createUser",
        "currentOpCtx", "dataSize", "dbHash", "dropAllRolesFromDatabase", "dropAllUsersFromDatabase", "dropConnections", "dropRole",
        "enableFreeMonitoring", "forcerror", "fsync", "fsyncUnlock", "getDiagnosticData", "getPrevError", "getShardMap",
        "grantPrivilegesToRole", "grantRolesToRole", "grantRolesToUser", "handshake", "hostInfo", "invalidateUserCache",
        "killAllSessions", "killAllSessionsByPattern", "killSessions", "lockInfo", "logRotate", "logApplicationMessage",
        "shardedFinish", "mapReduce", "planCacheClear", "planCacheClearFilters", "planCacheListFilters", "planCacheListPlans",
        "planCacheListQueryShapes", "planCacheSetFilter", "reIndex", "repairCursor", "repairDatabase",
        "replSetDeclareElectionWinner", "replSetElect", "replSetFreeze", "replSetFresh", "replSetGetConfig", "replSetGetRBID",
        "replSetGetStatus", "replSetHeartbeat", "replSetInitiate", "replSetMaintenance", "replSetReconfig", "replSetRequestVotes",
        "replSetStepDown", "replSetStepUp", "replSetSyncFrom", "replSetUpdatePosition", "resync", "revokePrivilegesFromRole",
        "revokeRolesFromRole", "revokeRolesFromUser", "setClusterParameter", "setFeatureCompatibilityVersion", "setLogLevel",
        "setParameter", "profile", "shutdown", "updateRole", "updateUser", "usersInfo", "validate"})
    void refusesAnUnsupportedCommandWithAtlasText(String command) {
        assertThatThrownBy(() -> shop.runCommand(new Document(command, "orders")))
                .isInstanceOfSatisfying(MongoCommandException.class, refused -> {
                    assertThat(refused.getErrorCode()).isEqualTo(8000);
                    assertThat(refused.getErrorCodeName()).isEqualTo("AtlasError");
                    assertThat(refused.getErrorMessage()).isEqualTo(command
                            + " is not allowed or the syntax is incorrect, see the Atlas documentation for more information.");
                });
    }

    @Test
    void refusesCreateWithAStorageEngineOption() {
        CreateCollectionOptions withEngine = new CreateCollectionOptions()
                .storageEngineOptions(new Document("wiredTiger", new Document("configString", "block_compressor=zstd")));

        assertThatThrownBy(() -> shop.createCollection("compressed", withEngine))
                .isInstanceOfSatisfying(MongoCommandException.class, refused -> {
                    assertThat(refused.getErrorCode()).isEqualTo(8000);
                    assertThat(refused.getErrorMessage()).isEqualTo("parameter storageEngine is disallowed in create command");
                });
        assertThat(shop.listCollectionNames()).doesNotContain("compressed");
    }

    @Test
    void createsACollectionWithoutAStorageEngineOption() {
        shop.createCollection("plain");

        assertThat(shop.listCollectionNames()).contains("plain");
    }

    @Test
    void refusesAFindWithNoCursorTimeout() {
        assertThatThrownBy(() -> shop.getCollection("orders").find().noCursorTimeout(true).first())
                .isInstanceOfSatisfying(MongoCommandException.class, refused -> {
                    assertThat(refused.getErrorCode()).isEqualTo(8000);
                    assertThat(refused.getErrorMessage()).isEqualTo("noTimeout cursors are disallowed in this atlas tier");
                });
    }

    @Test
    void answersAFindWithTheDefaultCursorTimeout() {
        assertThat(shop.getCollection("orders").find().first()).containsEntry("_id", 1);
    }

    @Test
    void refusesDbStatsOnTheLocalDatabase() {
        assertThatThrownBy(() -> atlas.client.getDatabase("local").runCommand(new Document("dbStats", 1)))
                .isInstanceOfSatisfying(MongoCommandException.class, refused -> assertThat(refused.getErrorCode()).isEqualTo(8000));
    }

    @Test
    void refusesWritesToTheConfigDatabase() {
        assertThatThrownBy(() -> atlas.client.getDatabase("config").getCollection("settings").insertOne(new Document("_id", 1)))
                .isInstanceOfSatisfying(MongoCommandException.class, refused ->
                        assertThat(refused.getErrorMessage()).isEqualTo("command insert is not allowed in this Atlas tier"));
    }
}
