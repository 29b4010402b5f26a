package io.dbsync.api.http;

import static org.assertj.core.api.Assertions.assertThat;

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
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
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
}
