package io.dbsync.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.api.MainRunner;
import io.dbsync.api.auth.User;
import io.dbsync.api.auth.UserStatus;
import io.dbsync.api.config.DatabaseUrl;
import io.dbsync.api.config.MongoEndpoint;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import io.dbsync.api.testing.TestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reliability case 22: forced internal errors (a MongoDB source that rejects its credentials, a
 * source that stops, PostgreSQL tables gone, PostgreSQL refusing connections) answer JSON errors
 * without stack traces; and nothing the service logs or prints, nor any response, holds a user's
 * password, an {@code Authorization} value, a bcrypt hash or a credentialed connection string.
 * The source URI and {@code DATABASE_URL} carry real-looking passwords so there is something to
 * leak. Each scenario has its own servers and database, and scans what it produced itself.
 */
@Timeout(60)
class SecretLeakIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    // Distinctive secrets, each with a character that URL-encoding changes, so both forms are searched.
    private static final String PG_PASSWORD = "pg-S3cret@7Qx!zK";
    private static final String MONGO_PASSWORD = "mongo-S3cret@4Vw/pR";
    private static final String ALICE_PASSWORD = "alice-Pw#5Jd%9e";
    private static final String BOB_PASSWORD = "bob-Pw#8Hn&2c";
    private static final String ALICE_TYPO = "alice-Pw#5Jd%9f";
    private static final String MALLORY_GUESS = "mallory-Guess$6Rt";
    private static final String CLI_PASSWORD = "dave-Pw^3Lm*7u";
    private static final String CLI_NEW_PASSWORD = "dave-NewPw^9Kq*2";
    private static final Pattern STACK_TRACE = LeakScanner.STACK_TRACE;

    @RegisterExtension
    final TestServers servers = new TestServers();
    private LogCapture capture;
    private TestMongo mongo;
    private SecurityApi api;
    private DatabaseUrl admin;
    private String databaseName;
    private String credentialedDatabaseUrl;
    private String credentialedSourceUri;
    private LeakScanner scanner;
    private final List<String> responses = new ArrayList<>();
    private final List<String> cliOutputs = new ArrayList<>();

    @BeforeEach
    void start() {
        capture = servers.track(LogCapture.start());
        mongo = servers.mongo();
        SourceData.seed(mongo.sourceDb(), 50, 100);

        admin = TestPostgres.freshDatabase();
        Matcher jdbc = Pattern.compile("jdbc:postgresql://([^/]+)/([^?]+)(\\?.*)?").matcher(admin.jdbcUrl());
        assertThat(jdbc.matches()).as(admin.jdbcUrl()).isTrue();
        databaseName = jdbc.group(2);
        // The production form (Heroku's DATABASE_URL). The embedded server trusts loopback, so the password
        // is not checked, but it is in the configuration for the service to leak.
        credentialedDatabaseUrl = "postgres://" + admin.username() + ":" + urlEncode(PG_PASSWORD) + "@" + jdbc.group(1)
                + "/" + databaseName + (jdbc.group(3) == null ? "" : jdbc.group(3));
        DatabaseUrl database = DatabaseUrl.parse("DATABASE_URL", credentialedDatabaseUrl);
        assertThat(database.password()).isEqualTo(PG_PASSWORD);

        int sourcePort = Integer.parseInt(mongo.source().uri().replaceAll(".*:(\\d+)/.*", "$1"));
        credentialedSourceUri = "mongodb://dbsync-reader:" + urlEncode(MONGO_PASSWORD) + "@127.0.0.1:" + sourcePort
                + "/shop?authSource=admin";

        api = SecurityApi.start(mongo.source(), mongo.target(), database, 100);
        // Closed after the database accepts connections again, whatever a scenario did to it.
        servers.track(api);
        servers.track(() -> allowConnections(true));
        api.userAdmin().add("alice", ALICE_PASSWORD);
        api.userAdmin().add("bob", BOB_PASSWORD);
        api.userAdmin().setStatus("bob", UserStatus.DISABLED);

        Set<String> secrets = new LinkedHashSet<>();
        for (String secret : List.of(PG_PASSWORD, MONGO_PASSWORD, ALICE_PASSWORD, BOB_PASSWORD, ALICE_TYPO,
                MALLORY_GUESS, CLI_PASSWORD, CLI_NEW_PASSWORD)) {
            secrets.add(secret);
            secrets.add(urlEncode(secret));
        }
        secrets.add(credentialedDatabaseUrl);
        secrets.add(credentialedSourceUri);
        for (User user : api.userAdmin().list()) {
            secrets.add(user.passwordHash());
        }
        for (String authorization : authorizations()) {
            secrets.add(authorization);
            secrets.add(authorization.substring("Basic ".length()));
        }
        scanner = new LeakScanner(secrets);
    }

    private static String urlEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String alice() {
        return TestApi.basic("alice", ALICE_PASSWORD);
    }

    /** Every Authorization value the scenarios send. */
    private static List<String> authorizations() {
        return List.of(alice(), TestApi.basic("alice", ALICE_TYPO), TestApi.basic("bob", BOB_PASSWORD),
                TestApi.basic("mallory", MALLORY_GUESS));
    }

    /** Sends one request per credential variant and records every response for the final scan. */
    private List<HttpResponse<String>> sendAll(SecurityApi target, String method, String path, String body) {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (String authorization : authorizations()) {
            answers.add(record(target.send(method, path, authorization, body)));
        }
        return answers;
    }

    private HttpResponse<String> record(HttpResponse<String> response) {
        responses.add(response.statusCode() + " " + response.headers().map() + " " + response.body());
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            JsonNode node = JSON.readTree(response.body());
            assertThat(node.isObject()).as("a JSON object: %s", response.body()).isTrue();
            return node;
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.statusCode() + " " + response.body(), e);
        }
    }

    /** A JSON error: the one error shape, or a failed run's result; a message and no stack trace either way. */
    private JsonNode assertJsonError(String scenario, HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(scenario).startsWith("application/json");
        JsonNode body = json(response);
        assertThat(STACK_TRACE.matcher(response.body()).find()).as("%s: stack trace in %s", scenario, response.body())
                .isFalse();
        assertThat(body.path("error").asText()).as("%s: %s", scenario, response.body()).isNotBlank();
        if (body.path("status").isInt()) {
            assertThat(body.path("status").asInt()).as(scenario).isEqualTo(response.statusCode());
        } else {
            assertThat(body.path("status").asText()).as("%s: a run result %s", scenario, response.body())
                    .isEqualTo("failed");
        }
        return body;
    }

    /** A 500 from the catch-all: generic message, a request id, no detail of the cause. */
    private void assertGeneric500(String scenario, HttpResponse<String> response) {
        JsonNode body = assertJsonError(scenario, response);
        assertThat(response.statusCode()).as("%s: %s", scenario, response.body()).isEqualTo(500);
        assertThat(body.path("error").asText()).as(scenario).isEqualTo("internal error; the service log has the details");
        assertThat(body.path("requestId").asText()).as(scenario).isNotBlank();
        assertThat(response.body().toLowerCase(java.util.Locale.ROOT)).as(scenario)
                .doesNotContain("sql").doesNotContain("relation").doesNotContain("jdbc").doesNotContain("postgres")
                .doesNotContain("hikari").doesNotContain("users");
    }

    private void adminExecute(String jdbcUrl, String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, admin.username(), admin.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private String maintenanceJdbcUrl() {
        return admin.jdbcUrl().replaceFirst("/" + databaseName + "(\\?|$)", "/postgres$1");
    }

    private void allowConnections(boolean allow) {
        if (admin != null) {
            adminExecute(maintenanceJdbcUrl(), "ALTER DATABASE " + databaseName + " ALLOW_CONNECTIONS " + allow);
        }
    }

    // ---------------------------------------------------------------- scenarios

    @Test
    void aSourceThatRejectsItsCredentialsFailsTheRunWithAJsonErrorThatNamesNoSecret() {
        // mongo-java-server has no SCRAM: a credentialed URI fails authentication, as a wrong password would.
        MongoEndpoint source = MongoEndpoint.parse("SOURCE_MONGODB_URI", credentialedSourceUri, null, "SOURCE_DB");
        try (SecurityApi credentialed = SecurityApi.start(source, mongo.target(),
                DatabaseUrl.parse("DATABASE_URL", credentialedDatabaseUrl), 100)) {
            HttpResponse<String> run = record(credentialed.send("POST", "/syncdb", alice(), "{}"));
            JsonNode result = assertJsonError("source-credentials", run);
            assertThat(run.statusCode()).as(run.body()).isEqualTo(500);
            assertThat(result.path("status").asText()).isEqualTo("failed");
            assertThat(result.path("error").asText()).containsIgnoringCase("mongo");

            for (HttpResponse<String> other : sendAll(credentialed, "POST", "/syncdb", "{}")) {
                assertThat(other.statusCode()).isIn(401, 500);
                assertJsonError("source-credentials", other);
            }
            HttpResponse<String> history = record(credentialed.send("GET", "/runs/" + result.path("runId").asText(),
                    alice(), null));
            assertThat(history.statusCode()).isEqualTo(200);
            assertThat(json(history).path("status").asText()).isEqualTo("failed");
            HttpResponse<String> health = record(credentialed.send("GET", "/health", null, null));
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(json(health).path("source").asText()).isEqualTo("down");
        }
        assertNothingLeaked();
    }

    @Test
    void aSourceThatStopsFailsTheRunWithAJsonErrorAndNoStackTrace() {
        HttpResponse<String> baseline = record(api.send("POST", "/syncdb", alice(), "{}"));
        assertThat(baseline.statusCode()).as(baseline.body()).isEqualTo(200);

        mongo.stopSource();
        HttpResponse<String> run = record(api.send("POST", "/syncdb", alice(), "{\"verify\":\"digest\"}"));
        JsonNode result = assertJsonError("source-stopped", run);
        assertThat(run.statusCode()).isEqualTo(500);
        assertThat(result.path("error").asText()).containsIgnoringCase("mongo");

        for (HttpResponse<String> other : sendAll(api, "POST", "/syncdb", "{}")) {
            assertThat(other.statusCode()).isIn(401, 500);
            assertJsonError("source-stopped", other);
        }
        assertThat(record(api.send("GET", "/runs?limit=10", alice(), null)).statusCode()).isEqualTo(200);
        HttpResponse<String> health = record(api.send("GET", "/health", null, null));
        assertThat(json(health).path("status").asText()).isEqualTo("degraded");
        assertThat(json(health).path("source").asText()).isEqualTo("down");
        assertNothingLeaked();
    }

    @Test
    void missingPostgresqlTablesAnswerAGeneric500WithARequestIdAndNothingElse() {
        adminExecute(admin.jdbcUrl(), "ALTER TABLE users RENAME TO users_hidden_by_test");
        try {
            for (String path : List.of("/syncdb", "/runs", "/runs/some-id")) {
                String method = path.equals("/syncdb") ? "POST" : "GET";
                for (HttpResponse<String> response : sendAll(api, method, path, method.equals("POST") ? "{}" : null)) {
                    assertGeneric500("users-table-gone " + path, response);
                }
            }
        } finally {
            adminExecute(admin.jdbcUrl(), "ALTER TABLE users_hidden_by_test RENAME TO users");
        }

        adminExecute(admin.jdbcUrl(), "ALTER TABLE runs RENAME TO runs_hidden_by_test");
        try {
            assertGeneric500("runs-table-gone /syncdb", record(api.send("POST", "/syncdb", alice(), "{}")));
            assertGeneric500("runs-table-gone /runs", record(api.send("GET", "/runs", alice(), null)));
            assertGeneric500("runs-table-gone /runs/x", record(api.send("GET", "/runs/x", alice(), null)));
            HttpResponse<String> health = record(api.send("GET", "/health", null, null));
            assertThat(health.statusCode()).isEqualTo(200);
        } finally {
            adminExecute(admin.jdbcUrl(), "ALTER TABLE runs_hidden_by_test RENAME TO runs");
        }
        assertNothingLeaked();
    }

    @Test
    void postgresqlRefusingConnectionsAnswersA500AndHealthSaysTheDatabaseIsDown() {
        allowConnections(false);
        try {
            // Cut every session the API holds; new ones are refused while connections are not allowed.
            adminExecute(maintenanceJdbcUrl(), "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                    + databaseName + "' AND pid <> pg_backend_pid()");
            // The pooled sessions are dead: the first requests fail on them at once.
            assertGeneric500("postgresql-down /syncdb", record(api.send("POST", "/syncdb", alice(), "{}")));
            assertGeneric500("postgresql-down /syncdb wrong password",
                    record(api.send("POST", "/syncdb", TestApi.basic("alice", ALICE_TYPO), "{}")));
            HttpResponse<String> health = record(api.send("GET", "/health", null, null));
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(json(health).path("database").asText()).isEqualTo("down");
            // Then no new session can be opened: once the pool's dead sessions are used up (at most its
            // size), a request waits out the pool's connection timeout (10 s) on a refused connection.
            for (int attempt = 0; attempt < 10 && !refusedConnectionSeen(); attempt++) {
                assertGeneric500("postgresql-refusing /syncdb unknown user",
                        record(api.send("POST", "/syncdb", TestApi.basic("mallory", MALLORY_GUESS), "{}")));
            }
            assertThat(refusedConnectionSeen()).as("the refused-connection path was taken").isTrue();
        } finally {
            allowConnections(true);
        }
        assertNothingLeaked();
    }

    @Test
    void theUsersCommandFailingOnPostgresqlPrintsNoPasswordOrHash() {
        DatabaseUrl cliDatabase = TestPostgres.freshDatabase();
        String hostAndDb = cliDatabase.jdbcUrl().substring("jdbc:postgresql://".length()).replaceFirst("\\?.*$", "");
        Map<String, String> env = Map.of("DATABASE_URL", "postgres://" + cliDatabase.username() + ":"
                + urlEncode(PG_PASSWORD) + "@" + hostAndDb, "BCRYPT_COST", "10");
        MainRunner.Result added = MainRunner.run(env, CLI_PASSWORD + "\n", "users", "add", "dave");
        assertThat(added.exitCode()).as(added.err()).isZero();
        recordCli(added);

        adminExecute(cliDatabase.jdbcUrl(), "ALTER TABLE users RENAME TO users_hidden_by_test");
        MainRunner.Result passwd = MainRunner.run(env, CLI_NEW_PASSWORD + "\n", "users", "passwd", "dave");
        MainRunner.Result another = MainRunner.run(env, CLI_NEW_PASSWORD + "\n", "users", "add", "erin");
        recordCli(passwd);
        recordCli(another);
        assertThat(passwd.exitCode()).as("the command failed: %s", passwd.err()).isNotZero();
        assertThat(another.exitCode()).as("the command failed: %s", another.err()).isNotZero();

        Map<String, Integer> found = scanner.leaks(passwd.out() + passwd.err() + another.out() + another.err());
        assertThat(found).as("BUG (Main's execution-exception handler + Jdbi's default StatementException message): "
                + "a 'users passwd'/'users add' that fails on PostgreSQL with anything but a DbSyncException is rethrown "
                + "to picocli, which prints the whole stack trace; Jdbi's message renders the bound arguments, so the "
                + "new bcrypt hash is printed (stderr of a one-off dyno ends up in the log stream). Fix: in Database, "
                + "jdbi.getConfig(StatementExceptions.class).setMessageRendering(MessageRendering.NONE), and in Main "
                + "print one redacted line for any exception. Output was: %s", passwd.err().lines().limit(2).toList())
                .isEmpty();
        assertNothingLeaked();
    }

    private boolean refusedConnectionSeen() {
        return String.join("\n", capture.events()).contains("is not currently accepting connections");
    }

    private void recordCli(MainRunner.Result result) {
        cliOutputs.add("cli exit=" + result.exitCode() + " out=" + result.out() + " err=" + result.err());
    }

    // ---------------------------------------------------------------- the scan

    @Test
    void theScannerFindsWhatItLooksFor() {
        // Else a clean scan proves nothing.
        for (String secret : scanner.secrets()) {
            assertThat(scanner.leaks("x " + secret + " y")).as("scanner self-check").isNotEmpty();
        }
        LeakScanner none = new LeakScanner(Set.of());
        assertThat(none.leaks("mongodb://u:p4ss@host/db")).containsKey("credentialed-uri");
        assertThat(none.leaks("jdbc:postgresql://h/db as postgres and mongodb://u:***@h/db")).isEmpty();
        assertThat(none.leaks("$2b$10$abcdefghijklmnopqrstuv")).containsKey("bcrypt-hash");
    }

    /** This scenario's log lines, console output, responses and CLI output hold no secret. */
    private void assertNothingLeaked() {
        List<String> events = capture.events();
        String logs = String.join("\n", events);
        String console = capture.console();
        String bodies = String.join("\n", responses);
        String cli = String.join("\n", cliOutputs);
        Map<String, Integer> inLogs = scanner.leaks(logs);
        Map<String, Integer> inConsole = scanner.leaks(console);
        Map<String, Integer> inBodies = scanner.leaks(bodies);
        Map<String, Integer> inCli = scanner.leaks(cli);
        int matches = LeakScanner.sum(inLogs) + LeakScanner.sum(inConsole) + LeakScanner.sum(inBodies)
                + LeakScanner.sum(inCli);
        System.out.println("case=forced-errors leakMatches=" + matches + " logEvents=" + events.size() + " consoleBytes="
                + console.length() + " responses=" + responses.size() + " cliRuns=" + cliOutputs.size());
        List<String> offending = new ArrayList<>();
        events.stream().filter(event -> !scanner.leaks(event).isEmpty())
                .forEach(event -> offending.add(event.lines().limit(3).toList().toString()));
        responses.stream().filter(response -> !scanner.leaks(response).isEmpty())
                .forEach(response -> offending.add("response: " + response));
        assertThat(matches).as("secrets found: logs %s, console %s, bodies %s, cli %s; first offenders %s", inLogs,
                inConsole, inBodies, inCli, offending.stream().limit(5).toList()).isZero();
    }
}
