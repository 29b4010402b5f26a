package io.dbsync.api.reliability;

import static io.dbsync.api.reliability.HttpProbe.*;
import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.assertj.core.api.SoftAssertions;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reliability case 21, bodies: garbage JSON, wrong content types, trailing bytes and unreadable bodies are 400s that start nothing. */
class RequestBodiesIT {
    private static HttpProbe probe;

    @BeforeContainer
    static void start() {
        probe = HttpProbe.start("http-bodies");
    }

    @AfterContainer
    static void stop() {
        if (probe != null) {
            probe.close();
        }
    }

    @Example
    void garbageJsonBodiesAndWrongContentTypesAreRefusedWith400() {
        List<String> garbage = List.of("{", "}", "[]", "[1,2]", "null", "true", "42", "\"force\"", "{\"force\":}",
                "{'force':true}", "{\"force\":\"true\"}", "{\"force\":1}", "{\"include\":\"orders\"}",
                "{\"include\":[1,2]}", "{\"include\":[null]}", "{\"include\":[{}]}", "{\"verify\":\"sha1\"}",
                "{\"verify\":7}", "{\"dropMissing\":\"no\"}", "{\"unknown\":1}", "{\"__proto__\":{}}",
                "{\"force\":true,", "{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}",
                "[".repeat(100_00), "{\"x\":1e999999999}", "{\"include\":[\"" + "\\ud800" + "\"], \"x\":1}",
                "\u0000\u0000", "<xml/>", "force=true", "--boundary\r\n\r\n");
        for (String body : garbage) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 64 * 1024) {
                continue;
            }
            RawHttp.Answer answer = probe.expectResponse("POST /syncdb with body " + RawHttp.abbreviate(body, 60),
                    request("POST", "/syncdb", headers("Authorization", VALID_AUTH, "Content-Type", "application/json"),
                            bytes), Set.of(400));
            assertJsonError("garbage body " + RawHttp.abbreviate(body, 60), answer);
        }
        byte[] notUtf8 = {'{', '"', 'i', 'n', 'c', 'l', 'u', 'd', 'e', '"', ':', '[', '"', (byte) 0xC3, (byte) 0x28,
            '"', ']', '}'};
        probe.exchange("POST /syncdb with a body that is not UTF-8",
                request("POST", "/syncdb", headers("Authorization", VALID_AUTH, "Content-Type", "application/json"),
                        notUtf8), Set.of(400, 200, 409));
        probe.exchange("POST /syncdb with UTF-16 JSON",
                request("POST", "/syncdb", headers("Authorization", VALID_AUTH, "Content-Type",
                        "application/json; charset=UTF-16"), "{\"x\":1}".getBytes(StandardCharsets.UTF_16)),
                Set.of(400));

        // Wrong content types with bodies that are not JSON: 400 (the body is always read as JSON).
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("application/x-www-form-urlencoded", "force=true&dropMissing=true");
        typed.put("multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"force\"\r\n\r\n"
                + "true\r\n--xyz--\r\n");
        typed.put("multipart/form-data", "--\r\n");
        typed.put("text/plain", "force");
        typed.put("application/xml", "<options><force>true</force></options>");
        typed.put("application/json; charset=nonsense", "{\"force\":");
        typed.put("\u00ff\u00fe/\u0001", "{{");
        typed.put("", "<>");
        for (Map.Entry<String, String> entry : typed.entrySet()) {
            String description = "POST /syncdb as " + RawHttp.abbreviate(entry.getKey(), 40);
            probe.exchange(description, request("POST", "/syncdb",
                    headers("Authorization", VALID_AUTH, "Content-Type", entry.getKey()),
                    entry.getValue().getBytes(StandardCharsets.UTF_8)), Set.of(400));
        }
        // Content-Encoding the server does not do: the compressed bytes are not JSON → 400 (or 415-free refusal).
        probe.exchange("POST /syncdb with a gzip body", request("POST", "/syncdb",
                headers("Authorization", VALID_AUTH, "Content-Type", "application/json", "Content-Encoding", "gzip"),
                new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
                Set.of(400));
        // Broken framing.
        for (String framing : List.of("Content-Length: -1", "Content-Length: abc", "Content-Length: 2, 3",
                "Content-Length: 2\r\nContent-Length: 3", "Transfer-Encoding: gzip",
                "Transfer-Encoding: chunked, identity", "Transfer-Encoding: chunked\r\nContent-Length: 2",
                "Content-Length: 0x2", "Content-Length: 99999999999999999999999")) {
            String head = "POST /syncdb HTTP/1.1\r\nHost: x\r\nAuthorization: " + VALID_AUTH + "\r\n" + framing
                    + "\r\nConnection: close\r\n\r\n";
            probe.exchange("POST /syncdb with " + framing.replace("\r\n", " | "), RawHttp.ascii(head + "{}"),
                    Set.of(400, 413));
        }
    }

    @Example
    void aBodyWithAnythingAfterItsJsonObjectIsRefusedAndStartsNoRun() {
        // api.md: "a body that is not a JSON object -> 400 ... Nothing starts." Two objects, or an
        // object followed by other text, is not a JSON object.
        SoftAssertions softly = new SoftAssertions();
        for (String body : List.of("{\"force\":false}{\"force\":true}", "{} trailing", "{}]", "{\"verify\":\"count\"},",
                "{}\u0000", "{\"force\":false,\"force\":true}")) {
            RawHttp.Answer answer = probe.exchange("POST /syncdb with body " + RawHttp.abbreviate(body, 60),
                    request("POST", "/syncdb", headers("Authorization", VALID_AUTH, "Content-Type", "application/json"),
                            body.getBytes(StandardCharsets.UTF_8)), union(Set.of(400), ACCEPTANCES));
            softly.assertThat(answer.status()).as("content after the first JSON value, or a key given twice, must be a 400"
                    + " that starts no run: %s", RawHttp.abbreviate(body, 60)).isEqualTo(400);
        }
        softly.assertAll();
    }

    @Example
    void aBodyThatCannotBeReadIsRefusedWith400NotAnsweredAsAServerError() {
        String head = "POST /syncdb HTTP/1.1\r\nHost: x\r\nAuthorization: " + VALID_AUTH
                + "\r\nContent-Type: application/json\r\n";
        String chunked = head + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        SoftAssertions softly = new SoftAssertions();
        Map<String, byte[]> unreadable = new LinkedHashMap<>();
        // Promises 100 bytes, sends 2, then shuts its sending side and waits for the answer.
        unreadable.put("Content-Length 100, 2 bytes sent, then EOF",
                RawHttp.ascii(head + "Content-Length: 100\r\nConnection: close\r\n\r\n{}"));
        unreadable.put("chunked body cut inside a chunk, then EOF", RawHttp.ascii(chunked + "10\r\n{\"for"));
        unreadable.put("chunk size that is not hex", RawHttp.ascii(chunked + "zz\r\n{}\r\n0\r\n\r\n"));
        unreadable.put("chunk size that overflows", RawHttp.ascii(chunked + "fffffffffffffffffffffff\r\n{}\r\n0\r\n\r\n"));
        unreadable.put("chunk longer than its size", RawHttp.ascii(chunked + "1\r\n{}\r\n0\r\n\r\n"));
        for (Map.Entry<String, byte[]> request : unreadable.entrySet()) {
            String description = "POST /syncdb (authenticated), " + request.getKey();
            // A body Jetty cannot read is the client's fault: 400, never the catch-all's 500.
            softly.assertThatCode(() -> probe.exchange(description, request.getValue(), Set.of(400, 413), false, true))
                    .as(description).doesNotThrowAnyException();
        }
        // Without credentials the guard answers before the body is read.
        probe.exchange("POST /syncdb without credentials, Content-Length 100, 2 bytes sent, then EOF",
                RawHttp.ascii("POST /syncdb HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{}"),
                Set.of(400, 401), false, true);
        softly.assertAll();
    }
}
