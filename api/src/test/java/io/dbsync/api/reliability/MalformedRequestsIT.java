package io.dbsync.api.reliability;

import static io.dbsync.api.reliability.HttpProbe.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.testing.TestApi;
import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reliability case 21, fixed cases: malformed {@code Authorization} headers, oversized bodies and
 * headers, unknown routes and methods, odd paths and malformed request lines, sent through a plain
 * socket. No request may get a 5xx.
 */
class MalformedRequestsIT {
    private static HttpProbe probe;

    @BeforeContainer
    static void start() {
        probe = HttpProbe.start("http-malformed");
    }

    @AfterContainer
    static void stop() {
        if (probe != null) {
            probe.close();
        }
    }


    @Example
    void malformedAuthorizationHeadersAreAnswered401WithoutEverReachingAServerError() {
        Map<String, String> wellFormedButWrong = new LinkedHashMap<>();
        wellFormedButWrong.put("bad base64", "Basic !!!not-base64!!!");
        wellFormedButWrong.put("no colon", "Basic " + b64(USER + PASSWORD));
        wellFormedButWrong.put("NUL inside the decoded password", "Basic " + b64(USER + ":" + PASSWORD + "\0"));
        wellFormedButWrong.put("NUL inside the decoded username", "Basic " + b64("fuz\0zer:" + PASSWORD));
        wellFormedButWrong.put("decoded bytes that are not UTF-8",
                "Basic " + b64(new byte[] {(byte) 0xC3, (byte) 0x28, ':', 'x', (byte) 0xFF}));
        wellFormedButWrong.put("overlong UTF-8 for a colon",
                "Basic " + b64(new byte[] {'f', 'u', (byte) 0xC0, (byte) 0xBA, 'x'}));
        wellFormedButWrong.put("lone surrogate encoded as UTF-8",
                "Basic " + b64(new byte[] {'u', ':', (byte) 0xED, (byte) 0xA0, (byte) 0x80}));
        wellFormedButWrong.put("empty credentials", "Basic ");
        wellFormedButWrong.put("scheme only", "Basic");
        wellFormedButWrong.put("empty username", "Basic " + b64(":" + PASSWORD));
        wellFormedButWrong.put("empty password", "Basic " + b64(USER + ":"));
        wellFormedButWrong.put("password over 72 bytes", "Basic " + b64(USER + ":" + "é".repeat(60)));
        wellFormedButWrong.put("base64 without padding", "Basic " + b64("nobody:x").replace("=", ""));
        wellFormedButWrong.put("base64url alphabet", "Basic " + Base64.getUrlEncoder().encodeToString(
                new byte[] {(byte) 0xFB, (byte) 0xFF, ':', (byte) 0xFE}));
        wellFormedButWrong.put("other scheme", "Bearer eyJhbGciOiJub25lIn0.e30.");
        wellFormedButWrong.put("digest scheme", "Digest username=\"fuzzer\", realm=\"dbsync\"");
        wellFormedButWrong.put("header over 1 KiB", "Basic " + "A".repeat(2_000));
        wellFormedButWrong.put("raw non-UTF-8 bytes in the header", "Basic \u00ff\u00fe\u00c3\u0028");
        wellFormedButWrong.put("raw Latin-1 credentials", "Basic " + b64(new byte[] {'f', (byte) 0xE9, ':', 'x'}));

        for (String path : List.of("/syncdb", "/runs", "/runs/some-id")) {
            String method = path.equals("/syncdb") ? "POST" : "GET";
            for (Map.Entry<String, String> variant : wellFormedButWrong.entrySet()) {
                String description = method + " " + path + " with " + variant.getKey();
                RawHttp.Answer answer = probe.expectResponse(description,
                        request(method, path, headers("Authorization", variant.getValue()),
                                method.equals("POST") ? RawHttp.ascii("{}") : null), Set.of(401));
                assertThat(answer.header("WWW-Authenticate")).as(description)
                        .isEqualTo("Basic realm=\"dbsync\", charset=\"UTF-8\"");
                assertJsonError(description, answer);
            }
        }

        // Bytes HTTP itself forbids in a header value: the server may refuse them outright (400).
        Map<String, String> illegal = new LinkedHashMap<>();
        illegal.put("raw NUL in the header", "Basic \0" + b64(USER + ":" + PASSWORD));
        illegal.put("raw control characters in the header", "Basic \u0001\u0002\u001b[2J");
        illegal.put("raw DEL in the header", "Basic \u007f" + b64(USER + ":" + PASSWORD));
        for (Map.Entry<String, String> variant : illegal.entrySet()) {
            probe.exchange("POST /syncdb with " + variant.getKey(),
                    request("POST", "/syncdb", headers("Authorization", variant.getValue()), RawHttp.ascii("{}")),
                    Set.of(400, 401));
        }

        // A 100 KB header is refused before anything reads it.
        RawHttp.Answer huge = probe.exchange("POST /syncdb with a 100 KB Authorization header",
                request("POST", "/syncdb", headers("Authorization", "Basic " + "QUFB".repeat(25_600)),
                        RawHttp.ascii("{}")), Set.of(431, 400));
        if (huge.kind() == RawHttp.Kind.RESPONSE) {
            assertThat(huge.status()).isEqualTo(431);
        }
        probe.exchange("GET /health with a 100 KB custom header",
                request("GET", "/health", headers("X-Padding", "x".repeat(100 * 1024)), null), Set.of(431, 400));
        probe.exchange("GET /health with 500 small headers", request("GET", "/health", manyHeaders(500), null),
                Set.of(431, 400));
        probe.exchange("two Authorization headers", concat(RawHttp.ascii("POST /syncdb HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Basic !!!\r\nAuthorization: " + TestApi.basic("nobody", "x")
                + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n"), RawHttp.ascii("{}")), Set.of(400, 401));
        probe.exchange("whitespace before the colon of the header name", RawHttp.ascii("GET /runs HTTP/1.1\r\nHost: x\r\n"
                + "Authorization : " + VALID_AUTH + "\r\nConnection: close\r\n\r\n"), Set.of(400, 401));
        probe.exchange("obsolete line folding inside the header", RawHttp.ascii("GET /runs HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Basic\r\n " + b64(USER + ":" + PASSWORD) + "\r\nConnection: close\r\n\r\n"),
                Set.of(400, 401));
    }

    private static Map<String, String> manyHeaders(int count) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            headers.put("X-H" + i, "value-" + i + "-" + "v".repeat(20));
        }
        return headers;
    }

    @Example
    void aBodyOver64KibIsRefusedWith413AndNeverStartsARun() {
        byte[] big = RawHttp.ascii("{\"force\":false,\"include\":[\"" + "x".repeat(70 * 1024) + "\"]}");
        RawHttp.Answer declared = probe.expectResponse("POST /syncdb, 70 KB body with Content-Length",
                request("POST", "/syncdb", headers("Authorization", VALID_AUTH, "Content-Type", "application/json"), big),
                Set.of(413));
        assertJsonError("413 with Content-Length", declared);

        String chunkedHead = "POST /syncdb HTTP/1.1\r\nHost: x\r\nAuthorization: " + VALID_AUTH
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        StringBuilder chunks = new StringBuilder();
        String bigText = new String(big, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bigText.length(); i += 4096) {
            String chunk = bigText.substring(i, Math.min(bigText.length(), i + 4096));
            chunks.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        chunks.append("0\r\n\r\n");
        RawHttp.Answer chunked = probe.expectResponse("POST /syncdb, 70 KB chunked body",
                RawHttp.ascii(chunkedHead + chunks), Set.of(413));
        assertJsonError("413 chunked", chunked);

        // Declares 10 GiB and streams more than the limit: refused once 64 KiB are read.
        byte[] lying = concat(RawHttp.ascii("POST /syncdb HTTP/1.1\r\nHost: x\r\nAuthorization: " + VALID_AUTH
                + "\r\nContent-Type: application/json\r\nContent-Length: 10737418240\r\nConnection: close\r\n\r\n"),
                big);
        probe.expectResponse("POST /syncdb declaring a 10 GiB body", lying, Set.of(413));

        // Unauthenticated, the guard answers first and the body is never read.
        probe.exchange("POST /syncdb, 70 KB body without credentials",
                request("POST", "/syncdb", headers("Content-Type", "application/json"), big), Set.of(401, 413));
        probe.exchange("POST /health, 70 KB body", request("POST", "/health", headers(), big), Set.of(405, 413));
        probe.exchange("GET /runs, 70 KB body", request("GET", "/runs", headers("Authorization", VALID_AUTH), big),
                Set.of(200, 413));
        // Exactly at the limit is still JSON the parser reads (and rejects as an unknown option).
        String pad = "{\"pad\":\"" + "y".repeat(64 * 1024 - 10) + "\"}";
        assertThat(pad).hasSize(64 * 1024);
        probe.exchange("POST /syncdb, body of exactly 64 KiB",
                request("POST", "/syncdb", headers("Authorization", VALID_AUTH, "Content-Type", "application/json"),
                        RawHttp.ascii(pad)), Set.of(400));
    }

    @Example
    void unknownRoutesGet404AndKnownRoutesWithTheWrongMethodGet405() {
        for (String path : List.of("/nowhere", "/syncdb2", "/run", "/runs/a/b", "/health/x", "/metrics.json",
                "/admin", "/users", "/.env", "/api/syncdb")) {
            RawHttp.Answer answer = probe.expectResponse("GET " + path, request("GET", path, headers(), null),
                    Set.of(404));
            assertJsonError("GET " + path, answer);
        }
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            for (String path : List.of("/health", "/metrics")) {
                RawHttp.Answer answer = probe.expectResponse(method + " " + path,
                        request(method, path, headers(), method.equals("DELETE") ? null : RawHttp.ascii("{}")),
                        Set.of(405));
                assertJsonError(method + " " + path, answer);
            }
            for (String path : List.of("/syncdb", "/runs", "/runs/x")) {
                // The auth guard runs before routing decides the method is wrong: 401 without, 405 with credentials.
                probe.expectResponse(method + " " + path + " without credentials",
                        request(method, path, headers(), RawHttp.ascii("{}")), Set.of(401, 405));
                RawHttp.Answer answer = probe.expectResponse(method + " " + path + " with credentials",
                        request(method, path, headers("Authorization", VALID_AUTH), RawHttp.ascii("{}")),
                        Set.of(405));
                assertJsonError(method + " " + path, answer);
            }
        }
        for (String method : List.of("OPTIONS", "TRACE", "HEAD", "CONNECT", "FOO", "PROPFIND", "get", "Get",
                "M-SEARCH", "G\u00c9T", "GET\u0000", "0", "SYNCDB")) {
            for (String path : List.of("/health", "/syncdb", "/nowhere")) {
                probe.exchange(method + " " + path, request(method, path, headers(), null),
                        union(REJECTIONS, Set.of(200)));
            }
        }
        probe.exchange("CONNECT authority-form", RawHttp.ascii("CONNECT 127.0.0.1:80 HTTP/1.1\r\nHost: 127.0.0.1:80\r\n"
                + "Connection: close\r\n\r\n"), REJECTIONS);
    }

    @Example
    void oddPathsAreAnsweredWithoutAServerError() {
        List<String> paths = new ArrayList<>(List.of(
                "//syncdb", "///runs", "/syncdb/", "/runs//x", "/./health", "/runs/../health", "/runs/%2e%2e/health",
                "/%2e%2e/%2e%2e/etc/passwd", "/runs/..%2f..%2fetc", "/runs/%2F", "/runs/a%2Fb", "/runs/%00",
                "/runs/%", "/runs/%zz", "/runs/%c0%af", "/runs/%ed%a0%80", "/runs/%ff%fe", "/syncdb;x=y",
                "/syncdb;jsessionid=1", "/runs;/x", "/health?%", "/health?a=%zz&b", "/runs?limit=",
                "/runs?limit=-1", "/runs?limit=99999999999999999999", "/runs?limit=1e3", "/runs?limit=%00",
                "/syncdb?force", "/syncdb?force=yes", "/syncdb?include=%ff", "/SYNCDB", "/Health", "/h%65alth",
                "/runs/" + "x".repeat(2_000), "/runs/\u00e9", "/runs/\u00ff\u00fe", "/runs/%E2%80%AE", "*",
                "http://127.0.0.1/health", "http://evil.example/syncdb", "health", "/health#frag",
                "/runs/{id}", "/runs/%7Bid%7D", "/runs/'%20OR%201=1--", "/runs/\";DROP TABLE runs;--",
                "/" + "a/".repeat(2_000), "/runs/" + "%41".repeat(3_000)));
        for (String path : paths) {
            for (String auth : new String[] {null, VALID_AUTH}) {
                String method = path.startsWith("/syncdb") || path.startsWith("//syncdb") ? "POST" : "GET";
                Map<String, String> headers = auth == null ? headers() : headers("Authorization", auth);
                probe.exchange(method + " " + RawHttp.abbreviate(path, 80) + (auth == null ? "" : " (authenticated)"),
                        request(method, path, headers, method.equals("POST") ? RawHttp.ascii("{}") : null),
                        union(REJECTIONS, ACCEPTANCES));
            }
        }
        // Very long request targets: refused (414/431/400), never a 5xx.
        for (int length : new int[] {8 * 1024, 64 * 1024, 200 * 1024}) {
            probe.exchange("GET a " + length + "-byte path", request("GET", "/runs/" + "p".repeat(length), headers(), null),
                    Set.of(400, 404, 414, 431));
            probe.exchange("GET a " + length + "-byte query", request("GET", "/health?q=" + "q".repeat(length), headers(),
                    null), Set.of(200, 400, 414, 431));
        }
    }

    @Example
    void malformedRequestLinesAreRefusedOrClosedWithoutAServerError() {
        List<String> lines = List.of("GET\r\n", "GET /health\r\n", "GET /health HTTP/1.1 extra\r\n",
                "GET  /health  HTTP/1.1\r\n", "GET /health HTTP/2.0\r\n", "GET /health HTTP/1.2\r\n",
                "GET /health HTTP/9.9\r\n", "GET /health http/1.1\r\n", "GET /health HTTP/\r\n",
                "GET /health HTTP/1.1\n", "\r\n\r\nGET /health HTTP/1.1\r\n", " GET /health HTTP/1.1\r\n",
                "GET\t/health\tHTTP/1.1\r\n", "GET /he alth HTTP/1.1\r\n", "GET /health\u0000 HTTP/1.1\r\n",
                "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003\r\n",
                "PRI * HTTP/2.0\r\n\r\nSM\r\n", "\u00ff\u00fe\u00fd\r\n", "GET /health HTTP/1.1\rX\r\n");
        for (String line : lines) {
            byte[] bytes = RawHttp.ascii(line + "Host: x\r\nConnection: close\r\n\r\n");
            probe.exchange("request line " + RawHttp.abbreviate(line, 60), bytes, union(REJECTIONS, Set.of(200)),
                    unsupportedVersion(line.replaceAll("^[\r\n]+", "").split("\r?\n|\r", 2)[0]), false);
        }
        probe.exchange("HTTP/1.1 without Host", RawHttp.ascii("GET /health HTTP/1.1\r\nConnection: close\r\n\r\n"),
                Set.of(400));
        probe.exchange("two Host headers", RawHttp.ascii("GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n"
                + "Connection: close\r\n\r\n"), Set.of(400, 200));
        probe.exchange("header without a colon", RawHttp.ascii("GET /health HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n"
                + "Connection: close\r\n\r\n"), Set.of(400));
        probe.exchange("header name with a space", RawHttp.ascii("GET /health HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n"
                + "Connection: close\r\n\r\n"), Set.of(400));
        probe.exchange("HTTP/1.0 without Host", RawHttp.ascii("GET /health HTTP/1.0\r\n\r\n"), Set.of(200, 400));
        probe.exchange("HTTP/0.9 simple request", RawHttp.ascii("GET /health\r\n\r\n"), REJECTIONS, true, false);
    }
}
