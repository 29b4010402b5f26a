package io.dbsync.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.MainRunner;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.MetricsText;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import io.dbsync.api.testing.TestServers;
import io.dbsync.api.testing.WerkzeugVectors;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reliability case 33: dbsync started on the seed's own database, prepared as the seed's set-up
 * tells its readers — its {@code CREATE TABLE users}, users inserted with werkzeug hashes, one of
 * them inactive — keeps every user: the active one gets in (and is moved to bcrypt on that first
 * login; the second login costs no hash at all), the inactive one does not, no row is lost.
 */
class SeedUsersIT {
    /** The seed's table, as its set-up creates it. */
    static final String SEED_TABLE = "CREATE TABLE users (id SERIAL, username varchar, pssword varchar, userstatus varchar)";
    private static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    final TestServers servers = new TestServers();

    static void sql(DatabaseUrl database, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             Statement statement = connection.createStatement()) {
            for (String each : statements) {
                statement.execute(each);
            }
        }
    }

    static void insertSeedUser(DatabaseUrl database, String username, String hash, String status) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO users (username, pssword, userstatus) VALUES (?, ?, ?)")) {
            insert.setString(1, username);
            insert.setString(2, hash);
            insert.setString(3, status);
            insert.executeUpdate();
        }
    }

    /** id, username, hash and status of every dbsync user, by id. */
    static List<String> rows(DatabaseUrl database, String table, String hashColumn, String statusColumn) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT id, username, " + hashColumn + ", " + statusColumn
                     + " FROM " + table + " ORDER BY id")) {
            while (result.next()) {
                rows.add(result.getLong(1) + "|" + result.getString(2) + "|" + result.getString(3) + "|" + result.getString(4));
            }
        }
        return rows;
    }

    private static long sample(TestApi api, String name) {
        return MetricsText.value(api.send("GET", "/metrics", null).body(), name);
    }

    @Test
    void theSeedsUsersKeepTheirPasswordsAndTheInactiveOneStaysOut() throws Exception {
        DatabaseUrl database = TestPostgres.freshDatabase();
        sql(database, SEED_TABLE);
        insertSeedUser(database, "alice", WerkzeugVectors.first("pbkdf2:sha256", "2.2.2").hash(), "active");
        insertSeedUser(database, "bob", WerkzeugVectors.first("scrypt", "3.1.8").hash(), "inactive");
        insertSeedUser(database, "carol", WerkzeugVectors.first("scrypt", "3.1.8").hash(), "active");
        insertSeedUser(database, "dave", "md5$s4lt$0123456789abcdef", "active");
        List<String> seedRows = rows(database, "users", "pssword", "userstatus");
        TestMongo mongo = servers.mongo();

        try (LogCapture logs = LogCapture.start()) {
            TestApi api = servers.track(TestApi.start(mongo, ApiSetup.defaults().withDatabase(database)));
            int alice = api.send("GET", "/runs", TestApi.basic("alice", PASSWORD)).statusCode();
            long legacyAfterFirst = sample(api, "dbsync_password_checks_total{kind=\"legacy\"}");
            long bcryptAfterFirst = sample(api, "dbsync_password_checks_total{kind=\"bcrypt\"}");
            String aliceHash = rows(database, "users", "password_hash", "status").get(0).split("\\|")[2];
            int aliceAgain = api.send("GET", "/runs", TestApi.basic("alice", PASSWORD)).statusCode();
            long cacheHits = sample(api, "dbsync_login_cache_hits_total");
            long checksAfterSecond = sample(api, "dbsync_password_checks_total{kind=\"legacy\"}")
                    + sample(api, "dbsync_password_checks_total{kind=\"bcrypt\"}");
            int bob = api.send("GET", "/runs", TestApi.basic("bob", PASSWORD)).statusCode();
            int dave = api.send("GET", "/runs", TestApi.basic("dave", PASSWORD)).statusCode();
            List<String> dbsyncRows = rows(database, "users", "password_hash", "status");
            List<String> keptSeedRows = rows(database, "dbsync_adopted_seed_users", "pssword", "userstatus");
            String listed = MainRunner.run(Map.of("DATABASE_URL", herokuStyle(database)), "", "users", "list").out();

            System.out.println("case=seed-users seedRows=" + seedRows.size() + " adoptedRows=" + dbsyncRows.size()
                    + " activeUser=" + alice + " inactiveUser=" + bob + " unknownHashFormat=" + dave
                    + " rehashedToBcrypt=" + aliceHash.startsWith("$2b$") + " secondLoginCacheHits=" + cacheHits);
            assertThat(alice).isEqualTo(200);
            assertThat(bob).isEqualTo(401);
            assertThat(dave).isEqualTo(401);
            assertThat(legacyAfterFirst).isEqualTo(1);
            assertThat(bcryptAfterFirst).as("alice's first login checked her werkzeug hash, no bcrypt").isZero();
            assertThat(aliceHash).startsWith("$2b$");
            assertThat(aliceAgain).isEqualTo(200);
            assertThat(cacheHits).as("the second login is served from the cache").isEqualTo(1);
            assertThat(checksAfterSecond).as("and costs no hash check").isEqualTo(legacyAfterFirst + bcryptAfterFirst);
            assertThat(dbsyncRows).hasSize(seedRows.size());
            for (int i = 0; i < seedRows.size(); i++) {
                String[] seed = seedRows.get(i).split("\\|");
                String[] now = dbsyncRows.get(i).split("\\|");
                assertThat(now[0]).as("id kept").isEqualTo(seed[0]);
                assertThat(now[1]).isEqualTo(seed[1]);
                assertThat(now[3]).isEqualTo(seed[3].equals("active") ? "active" : "disabled");
                if (!seed[1].equals("alice")) {
                    assertThat(now[2]).as("hash kept until the user logs in").isEqualTo(seed[2]);
                }
            }
            assertThat(keptSeedRows).as("the seed's table is kept as it was: the way back").isEqualTo(seedRows);
            assertThat(listed).containsPattern("alice\\s+active\\s+bcrypt").containsPattern("carol\\s+active\\s+legacy scrypt")
                    .containsPattern("bob\\s+disabled\\s+legacy scrypt").containsPattern("dave\\s+active\\s+unknown");
            assertThat(logs.events()).anyMatch(line -> line.contains("event=auth.unknown_hash_format user=dave"));
            assertThat(String.join("\n", logs.events())).doesNotContain("s4lt").doesNotContain("0123456789abcdef")
                    .doesNotContain(seedRows.get(0).split("\\|")[2]);
        }
        // A new dbsync id does not collide with an adopted one.
        assertThat(rows(database, "users", "password_hash", "status")).hasSize(seedRows.size());
    }

    /** postgres://user:pass@host:port/db, the form the seed's host handed out. */
    static String herokuStyle(DatabaseUrl url) {
        String hostAndDb = url.jdbcUrl().substring("jdbc:postgresql://".length()).replaceFirst("\\?.*$", "");
        return "postgres://" + url.username() + ":" + url.password() + "@" + hostAndDb;
    }
}
