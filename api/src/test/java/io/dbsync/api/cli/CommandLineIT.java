package io.dbsync.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.MainRunner;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import io.dbsync.api.testing.TestServers;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator's commands: exit codes, progress, status, and bad input answered with one line. */
class CommandLineIT {
    @RegisterExtension
    final TestServers servers = new TestServers();
    private TestMongo mongo;
    private Map<String, String> env;

    @BeforeEach
    void servers() {
        mongo = servers.mongo();
        SourceData.seed(mongo.sourceDb(), 60, 250);
        DatabaseUrl database = TestPostgres.freshDatabase();
        env = CliEnv.of(mongo.source(), mongo.target(), database);
    }

    @Test
    void syncPrintsProgressPerCollectionAndExitsZero() {
        MainRunner.Result sync = MainRunner.run(env, "", "sync", "--mode", "auto");

        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(sync.out()).containsPattern("run [0-9a-f-]{36} started")
                .contains("done orders: 250 documents").contains("done customers: 60 documents")
                .contains("completed (full)").contains("orders: direct, 250 documents");
        assertThat(MongoSnapshot.of(mongo.targetDb()).documentsHex()).isEqualTo(MongoSnapshot.of(mongo.sourceDb()).documentsHex());
    }

    @Test
    void aPausedStandbyRefusesWithExitCodeThreeAndStatusSaysWhy() {
        assertThat(MainRunner.run(env, "", "sync").exitCode()).isZero();
        assertThat(MainRunner.run(env, "", "pause", "--reason", "planned maintenance").exitCode()).isZero();

        MainRunner.Result refused = MainRunner.run(env, "", "sync");
        MainRunner.Result status = MainRunner.run(env, "", "status");

        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.out()).contains("refused (paused): paused: planned maintenance, by cli:");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("standby: paused since").contains("planned maintenance")
                .containsPattern("completed +full +[0-9]+ documents").contains("refused").contains("fresh");
        assertThat(MainRunner.run(env, "", "resume").out()).contains("resumed");
        assertThat(MainRunner.run(env, "", "sync").exitCode()).isZero();
    }

    @Test
    void badInputIsOneLineAndExitCodeTwoAndWritesNothing() {
        MongoSnapshot before = MongoSnapshot.of(mongo.targetDb());
        Map<String, String> same = new HashMap<>(env);
        same.put("A", mongo.target().uri());
        same.put("B", mongo.target().uri());

        MainRunner.Result unknownFlag = MainRunner.run(env, "", "sync", "--no-such-flag");
        MainRunner.Result missingVariable = MainRunner.run(env, "", "copy", "--from-env", "NOT_SET", "--to-env", "ALSO_NOT_SET");
        MainRunner.Result sameDatabase = MainRunner.run(same, "", "copy", "--from-env", "A", "--to-env", "B");
        MainRunner.Result badMode = MainRunner.run(env, "", "sync", "--mode", "sideways");
        MainRunner.Result noReason = MainRunner.run(env, "", "pause");

        assertThat(unknownFlag.exitCode()).isEqualTo(2);
        assertThat(unknownFlag.err()).contains("Unknown option: '--no-such-flag'");
        assertThat(missingVariable.exitCode()).isEqualTo(2);
        assertThat(missingVariable.err().strip()).isEqualTo("dbsync: the connection string for NOT_SET is not set, and"
                + " standard input has no line to read it from");
        assertThat(sameDatabase.exitCode()).isEqualTo(2);
        assertThat(sameDatabase.err().strip()).startsWith("dbsync: A and B name the same database");
        assertThat(badMode.exitCode()).isEqualTo(2);
        assertThat(badMode.err().strip()).isEqualTo("dbsync: --mode must be full, delta or auto");
        assertThat(noReason.exitCode()).isEqualTo(2);
        for (MainRunner.Result result : new MainRunner.Result[] {unknownFlag, missingVariable, sameDatabase, badMode}) {
            assertThat(result.err()).doesNotContain("\tat ").doesNotContain("Exception");
        }
        assertThat(MongoSnapshot.of(mongo.targetDb())).isEqualTo(before);
    }

    @Test
    void aConnectionStringCanBeTypedInsteadOfExported() {
        Map<String, String> fromStdin = new HashMap<>(env);
        fromStdin.put("TO", mongo.target().uri());

        MainRunner.Result copied = MainRunner.run(fromStdin, mongo.source().uri() + "\n", "copy", "--from-env", "FROM",
                "--to-env", "TO");

        assertThat(copied.exitCode()).as(copied.err()).isZero();
        assertThat(MongoSnapshot.of(mongo.targetDb()).documentsHex()).isEqualTo(MongoSnapshot.of(mongo.sourceDb()).documentsHex());
    }
}
