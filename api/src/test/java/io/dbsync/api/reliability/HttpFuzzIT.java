package io.dbsync.api.reliability;

import static io.dbsync.api.reliability.HttpProbe.*;

import io.dbsync.api.testing.TestApi;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** Reliability case 21, generated: 400 raw requests of generated methods, targets, headers and bodies never get a 5xx. */
class HttpFuzzIT {
    private static HttpProbe probe;

    @BeforeContainer
    static void start() {
        probe = HttpProbe.start("http-fuzz");
    }

    @AfterContainer
    static void stop() {
        if (probe != null) {
            probe.close();
        }
    }


    /** One generated request: its bytes and a short, printable description for the failure report. */
    record RawRequest(byte[] bytes, String description, boolean unsupportedVersion) {
        @Override
        public String toString() {
            return description;
        }
    }

    @Property(tries = 400, shrinking = ShrinkingMode.OFF, seed = "20261124")
    void generatedRawRequestsNeverGetA5xx(@ForAll("rawRequests") RawRequest request) {
        probe.tally().generated();
        probe.exchange("generated " + request.description(), request.bytes(),
                union(union(REJECTIONS, ACCEPTANCES), Set.of(THROTTLED, REDIRECT)), request.unsupportedVersion(), false);
    }

    private static Arbitrary<String> latin1(int min, int max) {
        return Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMinLength(min).ofMaxLength(max);
    }

    /** Header-safe Latin-1: anything but CR and LF (which would end the header). */
    private static Arbitrary<String> headerChars(int min, int max) {
        return Arbitraries.strings().withCharRange('\u0000', '\u00ff').excludeChars('\r', '\n')
                .ofMinLength(min).ofMaxLength(max);
    }

    private static Arbitrary<String> printable(int min, int max) {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(min).ofMaxLength(max);
    }

    @Provide
    Arbitrary<RawRequest> rawRequests() {
        @SuppressWarnings("unchecked")
        Arbitrary<String> method = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")),
                Tuple.of(2, Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(12)),
                Tuple.of(1, Arbitraries.of("TRACE", "CONNECT", "PRI", "get")),
                Tuple.of(1, latin1(0, 16).map(s -> s.replace("\r", "").replace("\n", ""))));
        @SuppressWarnings("unchecked")
        Arbitrary<String> path = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("/syncdb", "/runs", "/runs/x", "/health", "/metrics", "/", "/nowhere")),
                Tuple.of(3, Combinators.combine(
                        Arbitraries.of("/syncdb", "/runs/", "/health", "//", "/%2e%2e/", "/runs/%", "*", ""),
                        printable(0, 40)).as((a, b) -> a + b)),
                Tuple.of(2, Arbitraries.strings().withChars("/%.;?&=#ab0123456789ABCDEFZz\\~%u").ofMinLength(1)
                        .ofMaxLength(60).map(s -> "/" + s)),
                Tuple.of(1, Arbitraries.integers().between(1_000, 40_000).map(n -> "/runs/" + "r".repeat(n))),
                Tuple.of(1, latin1(0, 40).map(s -> s.replace("\r", "").replace("\n", "").replace(" ", ""))));
        @SuppressWarnings("unchecked")
        Arbitrary<String> query = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("")),
                Tuple.of(2, Arbitraries.of("?force=true", "?limit=5", "?limit=0", "?limit=abc", "?include=a,b*",
                        "?verify=digest", "?dropMissing=maybe", "?x=1", "?force=true&force=false")),
                Tuple.of(2, printable(0, 60).map(s -> "?" + s)));
        @SuppressWarnings("unchecked")
        Arbitrary<String> version = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just("HTTP/1.1")),
                Tuple.of(2, Arbitraries.just("HTTP/1.0")),
                Tuple.of(1, Arbitraries.of("HTTP/2.0", "HTTP/1.2", "HTTP/0.9", "http/1.1", "HTTP/", "", "HTTP/1.1 x",
                        "HTTP/11", "HTTP/1.1\u0000")),
                Tuple.of(1, printable(0, 12)));
        @SuppressWarnings("unchecked")
        Arbitrary<String> authorization = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just("")),
                Tuple.of(3, Arbitraries.just(VALID_AUTH)),
                Tuple.of(2, printable(1, 20).map(p -> TestApi.basic(USER, p))),
                Tuple.of(2, printable(1, 20).map(u -> TestApi.basic(u.replace(":", ""), PASSWORD))),
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(80).map(b -> "Basic " + b64(b))),
                Tuple.of(2, headerChars(0, 60).map(s -> "Basic " + s)),
                Tuple.of(1, headerChars(0, 80)),
                Tuple.of(1, Arbitraries.integers().between(1_000, 110_000).map(n -> "Basic " + "Q".repeat(n))));
        @SuppressWarnings("unchecked")
        Arbitrary<String> contentType = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just("application/json")),
                Tuple.of(2, Arbitraries.just("")),
                Tuple.of(2, Arbitraries.of("text/plain", "application/xml", "multipart/form-data; boundary=b",
                        "application/x-www-form-urlencoded", "application/json; charset=latin1", "*/*", ";")),
                Tuple.of(1, headerChars(0, 40)));
        Arbitrary<List<String>> extraHeaders = Combinators.combine(
                Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.strings().withCharRange('a', 'z').withChars('-').ofMinLength(1)
                                .ofMaxLength(20)),
                        Tuple.of(1, Arbitraries.of("Expect", "Upgrade", "Transfer-Encoding", "Content-Encoding",
                                "Accept", "Accept-Charset", "Cookie", "Range", "X-Forwarded-For", "Origin")),
                        Tuple.of(1, headerChars(0, 20).map(s -> s.replace(":", "")))),
                headerChars(0, 200),
                Arbitraries.integers().between(0, 9))
                .as((name, value, kind) -> kind == 0 ? name + ":" + value + "\r\n" + value : name + ": " + value)
                .filter(h -> !h.toLowerCase(java.util.Locale.ROOT).startsWith("expect")
                        && !h.toLowerCase(java.util.Locale.ROOT).startsWith("transfer-encoding"))
                .list().ofMaxSize(4);
        @SuppressWarnings("unchecked")
        Arbitrary<byte[]> body = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(new byte[0])),
                Tuple.of(3, Arbitraries.of("{}", "{\"force\":false}", "{\"include\":[\"orders\"]}",
                        "{\"verify\":\"digest\"}", "{\"exclude\":[\"*\"]}", "{\"force\":\"x\"}", "[]", "{")
                        .map(s -> s.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(2, Arbitraries.strings().withChars("{}[]\":,0123456789.eE+-truefalsnul\\ \t\u00e9")
                        .ofMaxLength(200).map(s -> s.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)),
                Tuple.of(1, Arbitraries.integers().between(60 * 1024, 90 * 1024).map(n -> {
                    byte[] large = new byte[n];
                    java.util.Arrays.fill(large, (byte) 'z');
                    return large;
                })));
        @SuppressWarnings("unchecked")
        Arbitrary<String> framing = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just("length")),
                Tuple.of(3, Arbitraries.just("chunked")),
                Tuple.of(1, Arbitraries.of("Content-Length: -5", "Content-Length: x", "Content-Length: 1, 2",
                        "Transfer-Encoding: snappy", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked")));
        Arbitrary<String> lineEnd = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("\r\n")),
                Tuple.of(1, Arbitraries.just("\n")));

        Arbitrary<String> requestLine = Combinators.combine(method, path, query, version, lineEnd)
                .as((m, p, q, v, end) -> m + " " + p + q + (v.isEmpty() ? "" : " " + v) + end);
        Arbitrary<Tuple.Tuple4<String, String, List<String>, String>> headerParts =
                Combinators.combine(authorization, contentType, extraHeaders, framing).as(Tuple::of);
        return Combinators.combine(requestLine, headerParts, body, lineEnd).as((line, parts, payload, end) -> {
            StringBuilder head = new StringBuilder(line).append("Host: 127.0.0.1").append(end);
            StringBuilder description = new StringBuilder(RawHttp.abbreviate(line.trim(), 100));
            if (!parts.get1().isEmpty()) {
                head.append("Authorization: ").append(parts.get1()).append(end);
                description.append(" auth=").append(RawHttp.abbreviate(parts.get1(), 40));
            }
            if (!parts.get2().isEmpty()) {
                head.append("Content-Type: ").append(parts.get2()).append(end);
            }
            for (String extra : parts.get3()) {
                head.append(extra).append(end);
            }
            if (!parts.get3().isEmpty()) {
                description.append(" extraHeaders=").append(parts.get3().size());
            }
            byte[] content = payload;
            String frame = parts.get4();
            if (payload.length > 0 || frame.startsWith("Content") || frame.startsWith("Transfer")) {
                switch (frame) {
                    case "length" -> head.append("Content-Length: ").append(payload.length).append(end);
                    case "chunked" -> {
                        head.append("Transfer-Encoding: chunked").append(end);
                        content = concat(RawHttp.ascii(Integer.toHexString(payload.length) + "\r\n"),
                                concat(payload, RawHttp.ascii(payload.length == 0 ? "\r\n" : "\r\n0\r\n\r\n")));
                    }
                    default -> head.append(frame).append(end);
                }
                description.append(" body=").append(payload.length).append("B ").append(frame);
            }
            head.append("Connection: close").append(end).append(end);
            return new RawRequest(concat(RawHttp.ascii(head.toString()), content), description.toString(),
                    unsupportedVersion(line.substring(0, line.length() - end.length())));
        });
    }
}
