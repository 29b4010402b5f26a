package io.dbsync.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.dbsync.api.MainRunner;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.store.Postgres;
import io.dbsync.api.store.PostgresRunLock;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import io.dbsync.api.testing.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dbsync snapshots} and {@code dbsync restore} through the real command line: restore points
 * written by {@code dbsync sync} (full and delta) come back byte for byte, documents and indexes; a
 * damaged archive is refused naming the collection and the offset and leaves the destination as it
 * was; the standby needs --force; a run holding the lock refuses the restore.
 */
class RestoreCommandIT {
    @RegisterExtension
    final TestServers servers = new TestServers();
    @TempDir
    Path store;
    private TestMongo mongo;
    private Map<String, String> env;

    private void start(boolean changeStreams, String compression) {
        mongo = changeStreams ? servers.mongoWithChangeStreams() : servers.mongo();
        SourceData.seed(mongo.sourceDb(), 60, 250);
        DatabaseUrl database = TestPostgres.freshDatabase();
        env = CliEnv.of(mongo.source(), mongo.target(), database);
        env.put("SNAPSHOT_URI", store.toUri().toString());
        env.put("SNAPSHOT_EVERY", "0");
        env.put("SNAPSHOT_COMPRESSION", compression);
        env.put("SCRATCH", mongo.targetServerUri("scratch"));
    }

    private MongoDatabase scratch() {
        return mongo.targetServerDb("scratch");
    }

    @Test
    void aFullRunsRestorePointIsListedAndRestoresIntoAnEmptyDatabaseByteForByte() {
        start(false, "gzip");
        assertThat(MainRunner.run(env, "", "sync").exitCode()).isZero();

        MainRunner.Result list = MainRunner.run(env, "", "snapshots");
        MainRunner.Result restore = MainRunner.run(env, "", "restore", "latest", "--to-env", "SCRATCH");

        int documents = MongoSnapshot.of(mongo.sourceDb()).documentCount();
        int collections = mongo.sourceDb().listCollectionNames().into(new ArrayList<>()).size();
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("1 restore point in file:")
                .containsPattern("\\d{8}T\\d{6}Z-[0-9a-f]+ .* " + collections + " +" + documents + "\n");
        assertThat(restore.exitCode()).as(restore.err() + restore.out()).isZero();
        assertThat(restore.out()).contains("restoring restore point").contains("completed: " + documents + " documents")
                .contains("orders: collection, 250 documents").contains("verified (count, CRC");
        assertThat(MongoSnapshot.of(scratch())).isEqualTo(MongoSnapshot.of(mongo.sourceDb()));
        System.out.println("case=restore-full " + restore.out().lines().filter(line -> line.startsWith("restore "))
                .findFirst().orElse(""));
    }

    @Test
    void aDeltaRunsRestorePointRestoresTheSourceAsOfThatRun() {
        start(true, "gzip");
        assertThat(MainRunner.run(env, "", "sync", "--mode", "auto").exitCode()).isZero();
        SourceData.churnOrders(mongo.sourceDb());
        MainRunner.Result delta = MainRunner.run(env, "", "sync", "--mode", "auto");
        assertThat(delta.out()).contains("completed (delta)").contains("restore point");
        MongoSnapshot asOfDelta = MongoSnapshot.of(mongo.sourceDb());
        SourceData.churnOrders(mongo.sourceDb(), 20_000); // later changes are not in the restore point

        MainRunner.Result restore = MainRunner.run(env, "", "restore", "latest", "--to-env", "SCRATCH");

        assertThat(restore.exitCode()).as(restore.out()).isZero();
        assertThat(MongoSnapshot.of(scratch())).isEqualTo(asOfDelta);
    }

    @Test
    void aCorruptedByteIsRefusedNamingTheCollectionAndOffsetAndTheDestinationStaysAsItWas() throws IOException {
        start(false, "none");
        assertThat(MainRunner.run(env, "", "sync").exitCode()).isZero();
        scratch().getCollection("orders").insertMany(List.of(new Document("_id", 1).append("kept", true),
                new Document("_id", 2).append("kept", true)));
        MongoSnapshot before = MongoSnapshot.of(scratch());
        Path archive = onlyArchive();
        byte[] bytes = Files.readAllBytes(archive);
        // A letter of a field name inside an orders document: the BSON stays well formed, the CRC does not.
        int at = lastIndexOf(bytes, "customerId".getBytes(StandardCharsets.UTF_8)) + 3;
        bytes[at] ^= 0x20;
        Files.write(archive, bytes);

        MainRunner.Result restore = MainRunner.run(env, "", "restore", "latest", "--to-env", "SCRATCH");

        assertThat(restore.exitCode()).as(restore.out()).isEqualTo(3);
        assertThat(restore.out()).contains("refused: damaged archive: CRC-64 mismatch").contains("namespace shop.orders")
                .containsPattern("at byte \\d+").contains("the destination is unchanged");
        assertThat(MongoSnapshot.of(scratch())).isEqualTo(before);
        assertThat(scratch().listCollectionNames().into(new ArrayList<>())).containsExactly("orders");
        System.out.println("case=restore-corrupt-byte flippedAt=" + at + " " + restore.out().lines()
                .filter(line -> line.startsWith("refused")).findFirst().orElse(""));
    }

    @Test
    void aDamagedGzipArchiveIsRefusedToo() throws IOException {
        start(false, "gzip");
        assertThat(MainRunner.run(env, "", "sync").exitCode()).isZero();
        Path archive = onlyArchive();
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(archive, bytes);

        MainRunner.Result restore = MainRunner.run(env, "", "restore", "latest", "--to-env", "SCRATCH");

        assertThat(restore.exitCode()).as(restore.out()).isEqualTo(3);
        assertThat(restore.out()).containsPattern("refused: (damaged archive|restore point \\S+ is damaged)");
        assertThat(scratch().listCollectionNames().into(new ArrayList<>())).isEmpty();
    }

    @Test
    void includeRestoresOnlyWhatItNamesAndKeepsTheRest() {
        start(false, "gzip");
        assertThat(MainRunner.run(env, "", "sync").exitCode()).isZero();
        scratch().getCollection("notes").insertOne(new Document("_id", "n").append("text", "not in the archive"));

        MainRunner.Result restore = MainRunner.run(env, "", "restore", "latest", "--to-env", "SCRATCH", "--include",
                "customers");

        assertThat(restore.exitCode()).as(restore.out()).isZero();
        assertThat(scratch().listCollectionNames().into(new ArrayList<>())).containsExactlyInAnyOrder("customers", "notes");
        assertThat(MongoSnapshot.of(scratch()).documentsHex().get("customers"))
                .isEqualTo(MongoSnapshot.of(mongo.sourceDb()).documentsHex().get("customers"));
    }

    @Test
    void theStandbyNeedsForceAndARunHoldingTheLockRefusesTheRestore() {
        start(false, "gzip");
        assertThat(MainRunner.run(env, "", "sync").exitCode()).isZero();
        env.put("STANDBY", mongo.target().uri());

        MainRunner.Result standby = MainRunner.run(env, "", "restore", "latest", "--to-env", "STANDBY");
        MainRunner.Result locked;
        try (Postgres database = Postgres.open(io.dbsync.api.config.ApiConfig.databaseFromEnv(env), 1)) {
            PostgresRunLock lock = new PostgresRunLock(database.jdbi());
            assertThat(lock.tryAcquire("00000000-0000-0000-0000-00000000abcd").acquired()).isTrue();
            locked = MainRunner.run(env, "", "restore", "latest", "--to-env", "SCRATCH");
            lock.release("00000000-0000-0000-0000-00000000abcd");
        }
        MainRunner.Result both = MainRunner.run(env, "", "restore", "latest", "--file", "x.archive", "--to-env", "SCRATCH");
        MainRunner.Result missing = MainRunner.run(env, "", "restore", "no-such-id", "--to-env", "SCRATCH");

        assertThat(standby.exitCode()).isEqualTo(3);
        assertThat(standby.err()).contains("names the standby").contains("--force");
        assertThat(locked.exitCode()).isEqualTo(3);
        assertThat(locked.out()).contains("holds the lock").contains("the destination is unchanged");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).startsWith("dbsync: no restore point 'no-such-id'");
        assertThat(scratch().listCollectionNames().into(new ArrayList<>())).isEmpty();
    }

    private Path onlyArchive() throws IOException {
        try (Stream<Path> files = Files.walk(store)) {
            List<Path> archives = files.filter(path -> path.getFileName().toString().contains(".archive")).toList();
            assertThat(archives).hasSize(1);
            return archives.get(0);
        }
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
