package io.dbsync.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.testing.OpenApiContract;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Requests Jetty refuses before the app sees them still get the one JSON error shape. */
class JettyErrorsIT {
    private static TestMongo mongo;
    private static TestApi api;

    @BeforeAll
    static void start() {
        mongo = TestMongo.start();
        api = TestApi.start(mongo);
    }

    @AfterAll
    static void stop() {
        api.close();
        mongo.close();
    }

    /** Sends raw bytes (so malformed requests really are malformed) and returns the whole answer. */
    private static String raw(String request) throws Exception {
        int port = Integer.parseInt(api.baseUrl().substring(api.baseUrl().lastIndexOf(':') + 1));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            checkContract(request, text);
            return text;
        }
    }

    /** Holds the answer to docs/openapi.yaml like every other test client: the request line says what was asked. */
    private static void checkContract(String request, String answer) {
        int end = answer.indexOf("\r\n\r\n");
        String[] head = (end < 0 ? answer : answer.substring(0, end)).split("\r\n");
        java.util.Map<String, java.util.List<String>> headers = new java.util.LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            if (colon > 0) {
                headers.put(head[i].substring(0, colon).trim(), java.util.List.of(head[i].substring(colon + 1).trim()));
            }
        }
        String[] requestLine = request.substring(0, request.indexOf("\r\n")).split(" +");
        OpenApiContract.get().check(requestLine[0], requestLine.length > 1 ? requestLine[1] : "",
                Integer.parseInt(head[0].split(" ")[1]), headers, end < 0 ? "" : answer.substring(end + 4));
    }

    @Test
    void anUnsupportedHttpVersionIsAClientErrorAnsweredInJson() throws Exception {
        String answer = raw("GET /health HTTP/1.7\r\nHost: x\r\n\r\n");

        // Jetty says 505; the service says 400, so that no answer >= 500 ever stems from what a client sent.
        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/json")
                .endsWith("{\"error\":\"unsupported HTTP version; use HTTP/1.1\",\"status\":400}");
    }

    @Test
    void headersTooLargeAndABadRequestLineAreAnsweredInJsonWithoutEchoingThem() throws Exception {
        String tooLarge = raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "<script>".repeat(4_000) + "\r\n\r\n");
        String garbage = raw("G<E>T /health\u0001 HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(tooLarge).startsWith("HTTP/1.1 431").contains("{\"error\":\"request header fields too large\",\"status\":431}")
                .doesNotContain("<script>");
        assertThat(garbage).startsWith("HTTP/1.1 400").contains("\"status\":400}").doesNotContain("<html");
    }

    @Test
    void aMalformedRequestWithAMethodJettyDoesNotKnowIsAnsweredInJsonToo() throws Exception {
        // Found by the OpenAPI check on HttpFuzzIT: Jetty wrote error bodies for GET, POST and HEAD only.
        String answer = raw("get /syncdb HTTP/1.1\r\nHost: x\r\n\u00c4\u00b9:\u00c5\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/json").endsWith("\"status\":400}");
    }
}
