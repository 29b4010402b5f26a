package io.dbsync.scheduler;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static io.dbsync.scheduler.ApiResults.completed;
import static io.dbsync.scheduler.ApiResults.error;
import static io.dbsync.scheduler.FakePeer.json;
import static io.dbsync.scheduler.Invocations.env;
import static org.assertj.core.api.Assertions.assertThat;

/** The command line: exit statuses, output, and the shaded jar run by hand with {@code java -jar}. */
class MainIT {
    private static final Path JAR = Path.of("target", "dbsync-scheduler-lambda.jar");

    private FakePeer api;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startApi() throws IOException {
        api = FakePeer.start();
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> outLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aCompletedRunExitsZeroAndPrintsTheResultAfterTheTwoLogLines() {
        api.on("POST", "/syncdb", json(200, completed("run-1", 42)));

        int status = run(env(api.baseUrl()));

        assertThat(status).isZero();
        assertThat(outLines()).hasSize(3);
        assertThat(outLines().get(0)).contains("\"level\":\"INFO\"");
        assertThat(outLines().get(2)).isEqualTo(completed("run-1", 42));
    }

    @Test
    void aFailureExitsOneWithTheReasonOnStandardError() {
        api.on("POST", "/syncdb", json(401, error(401, "invalid credentials")));

        int status = run(env(api.baseUrl()));

        assertThat(status).isEqualTo(Main.FAILED);
        assertThat(outLines()).hasSize(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("HTTP 401");
    }

    @Test
    void aCompletedRunWithAFailedSnapshotStillExitsZero() {
        String body = ApiResults.with(completed("run-1", 42), ApiResults.snapshot("failed", 0, "disk full"));
        api.on("POST", "/syncdb", json(200, body));

        int status = run(env(api.baseUrl()));

        assertThat(status).isZero();
        assertThat(outLines()).hasSize(4);
        assertThat(outLines().get(2)).isEqualTo("{\"level\":\"ERROR\",\"event\":\"dbsync.snapshot\",\"status\":\"failed\","
                + "\"runId\":\"run-1\",\"error\":\"disk full\"}");
        assertThat(outLines().get(3)).isEqualTo(body);
    }

    @Test
    void aRunRefusedAsPausedExitsOneNamingTheReason() {
        api.on("POST", "/syncdb", json(200, ApiResults.with(ApiResults.result("run-5", "refused", 0, "paused by alice"),
                "\"refusal\":\"paused\"")));

        int status = run(env(api.baseUrl()));

        assertThat(status).isEqualTo(Main.FAILED);
        assertThat(outLines()).hasSize(2);
        assertThat(outLines().get(0)).contains("\"level\":\"ERROR\"").endsWith(",\"reason\":\"paused\"}");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("run run-5 ended with status refused (paused): paused by alice");
    }

    @Test
    void aConfigurationErrorExitsTwoAndNamesTheVariable() {
        int status = run(env(api.baseUrl(), "DBSYNC_USERNAME", null));

        assertThat(status).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("DBSYNC_USERNAME is not set");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void aBadTimeoutBudgetExitsTwoBeforeAnyRequest() {
        int status = run(env(api.baseUrl(), "DBSYNC_TIMEOUT_SECONDS", "soon"));

        assertThat(status).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("DBSYNC_TIMEOUT_SECONDS");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:").contains("DBSYNC_URL");
    }

    @Test
    void theShadedJarRunsTheJobByHand() throws Exception {
        api.on("POST", "/syncdb", json(200, completed("run-1", 42)));
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString());
        builder.environment().clear();
        builder.environment().putAll(env(api.baseUrl()));
        builder.redirectErrorStream(true);

        Process process = builder.start();
        boolean exited = process.waitFor(30, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            process.destroyForcibly();
        }

        assertThat(exited).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("\"event\":\"dbsync.sync\"").contains(completed("run-1", 42));
    }

    @Test
    void theShadedJarIsSmallAndHoldsOnlyOurClassesAndTheLambdaCore() throws IOException {
        long bytes = Files.size(JAR);
        System.out.println("jarBytes=" + bytes);
        assertThat(bytes).isLessThanOrEqualTo(2L * 1024 * 1024);
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("io.dbsync.scheduler.Main");
            assertThat(jar.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")))
                    .allMatch(n -> n.startsWith("io/dbsync/scheduler/") || n.startsWith("com/amazonaws/services/lambda/runtime/"))
                    .contains("io/dbsync/scheduler/SyncTriggerHandler.class", "io/dbsync/scheduler/json/JsonParser.class");
        }
    }
}
