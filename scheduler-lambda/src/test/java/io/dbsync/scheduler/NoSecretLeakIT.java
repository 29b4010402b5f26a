package io.dbsync.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.scheduler.json.JsonWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.dbsync.scheduler.ApiResults.completed;
import static io.dbsync.scheduler.ApiResults.error;
import static io.dbsync.scheduler.ApiResults.result;
import static io.dbsync.scheduler.ApiResults.running;
import static io.dbsync.scheduler.FakePeer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliability cases 15 and 23, the leak side: over every kind of outcome, nothing the process
 * writes (our lines, anything else on stdout or stderr, the thrown exception with its stack trace)
 * contains the password, the Basic header value, the secret value or the session token.
 */
class NoSecretLeakIT {
    private static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLEtoken";
    private static final String SECRET = "from-the-vault-9f8e7d";

    private FakePeer api;
    private FakePeer extension;
    private final List<String> captured = new ArrayList<>();

    @BeforeEach
    void startPeers() throws IOException {
        api = FakePeer.start();
        extension = FakePeer.startOnLocalhost();
    }

    @AfterEach
    void stopPeers() {
        api.close();
        extension.close();
    }

    @Test
    void noOutputOfAnyOutcomeContainsThePasswordOrTheAuthorizationHeader() {
        String header = Invocations.basic(Invocations.USERNAME, Invocations.PASSWORD);
        Map<String, String> env = Invocations.env(api.baseUrl());

        scenario(env, a -> a.on("POST", "/syncdb", json(200, completed("run-1", 42))));
        scenario(env, a -> a.on("POST", "/syncdb", json(401, error(401, "invalid credentials"))));
        // A careless API that echoes what it was sent: our lines must still not carry it.
        scenario(env, a -> a.on("POST", "/syncdb", json(500, result("run-2", "failed", 0,
                "auth " + header + " password " + Invocations.PASSWORD.replace("\"", "\\\"")))));
        // The newer free-text members: a refusal word and a snapshot's reason, both echoing.
        scenario(env, a -> a.on("POST", "/syncdb", json(200, ApiResults.with(result("run-6", "refused", 0, "no"),
                "\"refusal\":\"" + Invocations.PASSWORD.replace("\"", "\\\"") + "\","
                        + ApiResults.snapshot("failed", 0, "auth " + header)))));
        scenario(env, a -> a.on("POST", "/syncdb", json(403, error(403, "user with " + header + " is disabled"))));
        scenario(env, a -> a.on("POST", "/syncdb", json(200, "<html>" + header + "</html>")));
        scenario(env, a -> a.on("POST", "/syncdb", json(503, "busy")));
        scenario(env, a -> a.on("POST", "/syncdb", json(202, "{\"runId\":\"run-3\",\"status\":\"running\"}"))
                .on("GET", "/runs/run-3", json(200, running("run-3"))));
        scenario(Invocations.env(api.baseUrl(), "DBSYNC_URL", "http://127.0.0.1:1"), a -> { });

        int leaks = leakMatches(List.of(Invocations.PASSWORD, header, header.substring("Basic ".length()),
                jsonEscaped(Invocations.PASSWORD)));
        System.out.println("scenarios=9 capturedLines=" + captured.size() + " leakMatches=" + leaks);
        assertThat(leaks).isZero();
        assertThat(captured).anyMatch(l -> l.contains("***")); // the echoed secrets were there, and redacted
    }

    @Test
    void noOutputOfTheSecretsPathContainsTheSecretOrTheSessionToken() {
        Map<String, String> env = Invocations.env(api.baseUrl(),
                "DBSYNC_PASSWORD", null,
                "DBSYNC_PASSWORD_SECRET_ID", "dbsync/api",
                "AWS_SESSION_TOKEN", SESSION_TOKEN,
                "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", String.valueOf(extension.port()));
        String header = Invocations.basic(Invocations.USERNAME, SECRET);

        extension.on("GET", "/secretsmanager/get", json(200, "{\"SecretString\":\"" + SECRET + "\"}"));
        scenario(env, a -> a.on("POST", "/syncdb", json(200, completed("run-1", 1))));
        scenario(env, a -> a.on("POST", "/syncdb", json(500, result("run-2", "failed", 0, "echo " + SECRET))));
        extension.on("GET", "/secretsmanager/get", json(403, "token " + SESSION_TOKEN + " rejected"));
        scenario(env, a -> { });

        int leaks = leakMatches(List.of(SECRET, SESSION_TOKEN, header.substring("Basic ".length())));
        System.out.println("secretPathScenarios=3 leakMatches=" + leaks);
        assertThat(leaks).isZero();
    }

    /** Runs one invocation with System.out and System.err captured too, and keeps every line. */
    private void scenario(Map<String, String> env, Consumer<FakePeer> script) {
        script.accept(api);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream all = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(all);
        System.setErr(all);
        try {
            new SyncTriggerHandler(env, Invocations.FAST, all)
                    .handleRequest(Map.of(), new CommandLineContext(Duration.ofSeconds(2), all));
        } catch (SchedulerException e) {
            // What the Lambda runtime would log for the failed invocation.
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            all.println(trace);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        captured.addAll(bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    private int leakMatches(List<String> secrets) {
        int matches = 0;
        for (String line : captured) {
            String decoded = decodedText(line);
            for (String secret : secrets) {
                if (line.contains(secret) || decoded.contains(secret)) {
                    System.out.println("LEAK: " + line);
                    matches++;
                }
            }
        }
        return matches;
    }

    /** For JSON lines, the decoded text of every value: escaping must not hide a leak. */
    private static String decodedText(String line) {
        if (!line.startsWith("{")) {
            return line;
        }
        StringBuilder text = new StringBuilder();
        collect(Invocations.parse(line), text);
        return text.toString();
    }

    private static void collect(JsonNode node, StringBuilder text) {
        if (node.isValueNode()) {
            text.append(node.asText()).append('\n');
        }
        node.forEach(child -> collect(child, text));
    }

    private static String jsonEscaped(String s) {
        String quoted = new JsonWriter().value(s).toString();
        return quoted.substring(1, quoted.length() - 1);
    }
}
