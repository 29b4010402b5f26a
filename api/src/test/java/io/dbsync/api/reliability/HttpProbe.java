package io.dbsync.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The harness of the HTTP-surface cases (reliability case 21): the API on a throwaway database,
 * raw requests built byte by byte, and the check every answer passes — never a 5xx, never a stack
 * trace, never a hang. A connection the server closes without any response is allowed
 * (unparseable requests) and counted.
 */
final class HttpProbe implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final String USER = "fuzzer";
    static final String PASSWORD = "fuzzer-password-1";
    static final String VALID_AUTH = TestApi.basic(USER, PASSWORD);
    /** Statuses a malformed or unauthorised request may get. */
    static final Set<Integer> REJECTIONS = Set.of(400, 401, 404, 405, 413, 414, 431);
    /** Statuses a request may get when it is in fact acceptable (health, metrics, an authenticated run or listing). */
    static final Set<Integer> ACCEPTANCES = Set.of(200, 202, 409);
    /** 429 is the documented answer to a username past its failed-login budget; counted, never a bug. */
    static final int THROTTLED = 429;
    /**
     * Jetty answers {@code OPTIONS ?query} (a target that is neither origin-form nor {@code *}) with
     * a 301 to {@code //?query}: no authority, so it cannot send anyone elsewhere. Allowed in the
     * fuzz only, and only with such a Location.
     */
    static final int REDIRECT = 301;
    static final Pattern SAFE_LOCATION = Pattern.compile("^/(?:/\\?.*|[^/\\\\].*)?$");
    static final Pattern STACK_TRACE =
            Pattern.compile("(\\n\\s*at [\\w$.]+\\(|Caused by:|\\.java:\\d+\\)|org\\.eclipse\\.jetty\\.[\\w.]+Exception)");



    private final TestMongo mongo;
    private final SecurityApi api;
    private final HttpTally tally;

    private HttpProbe(String name, TestMongo mongo, SecurityApi api) {
        this.mongo = mongo;
        this.api = api;
        this.tally = new HttpTally(name);
    }

    /** The API with user {@link #USER}; a throttle limit high enough that wrong passwords for one username stay 401s. */
    static HttpProbe start(String name) {
        TestMongo mongo = TestMongo.start();
        SourceData.seed(mongo.sourceDb(), 20, 40);
        SecurityApi api = SecurityApi.start(mongo.source(), mongo.target(), TestPostgres.freshDatabase(), 100_000);
        api.userAdmin().add(USER, PASSWORD);
        return new HttpProbe(name, mongo, api);
    }

    HttpTally tally() {
        return tally;
    }

    @Override
    public void close() {
        try {
            tally.print();
        } finally {
            api.close();
            mongo.close();
        }
    }

    // ---------------------------------------------------------------- building and checking requests

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A request as raw bytes: every char of the Latin-1 strings is one byte, so any byte can be
     * placed anywhere. Adds Host and {@code Connection: close}, and a Content-Length for a body.
     */
    static byte[] request(String method, String target, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: 127.0.0.1\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return concat(RawHttp.ascii(head.toString()), body == null ? new byte[0] : body);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    /** Sends one request and checks the answer: never a 5xx, never a stack trace, never a hang. */
    RawHttp.Answer exchange(String description, byte[] request, Set<Integer> allowed) {
        return exchange(description, request, allowed, false, false);
    }

    /**
     * As {@link #exchange(String, byte[], Set)}; {@code unsupportedVersion} marks a request line
     * whose protocol is not HTTP/1.0 or HTTP/1.1 (see {@link #unsupportedVersion(String)}), which
     * is answered {@code 400} (Jetty's {@code 505} turned into a client error) or {@code 426 Upgrade
     * Required}; no 5xx is allowed at all; {@code halfClose} shuts the client's sending side after the request.
     */
    RawHttp.Answer exchange(String description, byte[] request, Set<Integer> allowed,
                                           boolean unsupportedVersion, boolean halfClose) {
        RawHttp.Answer answer = RawHttp.exchange(api.port(), request, TIMEOUT, halfClose);
        tally.count(description, answer);
        assertThat(answer.kind()).as("%s: the server neither answered nor closed within %s", description, TIMEOUT)
                .isNotEqualTo(RawHttp.Kind.TIMED_OUT);
        if (answer.kind() == RawHttp.Kind.RESPONSE) {
            assertThat(answer.status()).as("%s -> a server error: %s", description, answer).isLessThan(500);
            assertThat(answer.status()).as("%s -> %s", description, answer)
                    .isIn(unsupportedVersion ? union(allowed, Set.of(400, 426)) : allowed);
            assertThat(STACK_TRACE.matcher(answer.body()).find()).as("%s: stack trace in body %s", description, answer)
                    .isFalse();
            if (answer.status() == REDIRECT) {
                assertThat(answer.header("Location")).as("%s: a redirect must stay on this server: %s", description, answer)
                        .isNotNull().matches(SAFE_LOCATION);
            }
        }
        return answer;
    }

    /**
     * Whether a request line (without its line end) names no HTTP/1.0 or HTTP/1.1 version the way
     * Jetty tokenises it: method, target and version separated by runs of spaces; two tokens are
     * an HTTP/0.9 request.
     */
    static boolean unsupportedVersion(String requestLine) {
        String[] tokens = requestLine.trim().split(" +");
        return tokens.length < 3 || !(tokens[2].equals("HTTP/1.1") || tokens[2].equals("HTTP/1.0"));
    }

    RawHttp.Answer expectResponse(String description, byte[] request, Set<Integer> allowed) {
        RawHttp.Answer answer = exchange(description, request, allowed);
        assertThat(answer.kind()).as("%s: the server closed without a response", description)
                .isEqualTo(RawHttp.Kind.RESPONSE);
        return answer;
    }

    static void assertJsonError(String description, RawHttp.Answer answer) {
        try {
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.path("status").asInt()).as("%s: %s", description, answer).isEqualTo(answer.status());
            assertThat(body.path("error").asText()).as("%s: %s", description, answer).isNotBlank();
        } catch (java.io.IOException e) {
            throw new AssertionError(description + ": the error body is not JSON: " + answer, e);
        }
    }

    static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        java.util.HashSet<Integer> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
