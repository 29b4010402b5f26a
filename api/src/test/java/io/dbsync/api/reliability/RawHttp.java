package io.dbsync.api.reliability;

import io.dbsync.api.testing.OpenApiContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so a test can send bytes no HTTP client would: broken request
 * lines, control characters in headers, wrong framing. Every wait is bounded.
 */
final class RawHttp {
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    enum Kind {
        /** A status line came back. */
        RESPONSE,
        /** The server closed (or reset) the connection without a single response byte. */
        CLOSED_WITHOUT_RESPONSE,
        /** Nothing came back within the timeout and the connection stayed open. */
        TIMED_OUT
    }

    record Answer(Kind kind, int status, Map<String, String> headers, String body) {
        static Answer without(Kind kind) {
            return new Answer(kind, -1, Map.of(), "");
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return kind == Kind.RESPONSE ? status + " " + headers + " " + abbreviate(body, 300) : kind.name();
        }
    }

    private RawHttp() {
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends {@code request} as is on a new connection and reads one response. */
    static Answer exchange(int port, byte[] request, Duration timeout) {
        return exchange(port, request, timeout, false);
    }

    /**
     * Sends {@code request} as is on a new connection and reads one response; with
     * {@code halfClose} the sending side is shut after the request (the client has nothing more to
     * say, as when it stops mid-body) while the response is still read.
     */
    static Answer exchange(int port, byte[] request, Duration timeout, boolean halfClose) {
        boolean head = startsWith(request, "HEAD ");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // The server may answer (431, 413, 400) and close before it has read everything.
            }
            InputStream in = socket.getInputStream();
            while (true) {
                byte[] headBytes;
                try {
                    headBytes = readHead(in);
                } catch (SocketTimeoutException e) {
                    return Answer.without(Kind.TIMED_OUT);
                } catch (IOException e) {
                    return Answer.without(Kind.CLOSED_WITHOUT_RESPONSE);
                }
                if (headBytes.length == 0) {
                    return Answer.without(Kind.CLOSED_WITHOUT_RESPONSE);
                }
                String headText = new String(headBytes, StandardCharsets.ISO_8859_1);
                String[] lines = headText.split("\r\n");
                String[] statusLine = lines[0].split(" ", 3);
                if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
                    throw new AssertionError("not an HTTP status line: " + abbreviate(lines[0], 200));
                }
                int status = Integer.parseInt(statusLine[1]);
                Map<String, String> headers = new LinkedHashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    if (colon > 0) {
                        headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
                    }
                }
                if (status >= 100 && status < 200) {
                    continue; // 100 Continue and friends: the real answer follows
                }
                String body = head || status == 204 || status == 304 ? "" : readBody(in, headers);
                checkContract(request, status, headers, body);
                return new Answer(Kind.RESPONSE, status, headers, body);
            }
        } catch (IOException e) {
            return Answer.without(Kind.CLOSED_WITHOUT_RESPONSE);
        }
    }

    /**
     * Holds the answer to docs/openapi.yaml like every other test client does: the method and the
     * path come from the request line as the server reads it (leading empty lines skipped, spaces
     * or tabs between the parts, no fragment); an unparseable line matches no route, and its
     * answer must then be a 4xx in the error shape.
     */
    private static void checkContract(byte[] request, int status, Map<String, String> headers, String body) {
        String text = new String(request, 0, Math.min(request.length, 16 * 1024), StandardCharsets.ISO_8859_1)
                .replaceFirst("^[\r\n]+", "");
        int end = text.indexOf('\n');
        String[] line = (end < 0 ? text : text.substring(0, end)).trim().split("[ \t]+");
        String method = line.length > 0 ? line[0] : "";
        String target = line.length > 1 ? line[1] : "";
        if (target.startsWith("http://") || target.startsWith("https://")) {
            int slash = target.indexOf('/', target.indexOf("//") + 2);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        String path = target.split("[?#]", 2)[0];
        Map<String, java.util.List<String>> listed = new LinkedHashMap<>();
        headers.forEach((name, value) -> listed.put(name, java.util.List.of(value)));
        try {
            OpenApiContract.get().check(method, path, status, listed, body);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n  request sent: " + abbreviate(text, 600).replace("\r", "\\r")
                    .replace("\n", "\\n"), e);
        }
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        byte[] p = ascii(prefix);
        if (bytes.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (bytes[i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    /** The bytes up to and excluding the blank line; empty when the stream ends first with nothing read. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (head.size() < MAX_HEAD_BYTES) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return new byte[0];
                }
                throw new IOException("the connection ended inside a response head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                byte[] bytes = head.toByteArray();
                return java.util.Arrays.copyOf(bytes, bytes.length - 4);
            }
        }
        throw new IOException("response head over " + MAX_HEAD_BYTES + " bytes");
    }

    private static String readBody(InputStream in, Map<String, String> headers) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            String length = headers.get("content-length");
            String encoding = headers.getOrDefault("transfer-encoding", "");
            if (length != null) {
                long remaining = Math.min(Long.parseLong(length.trim()), MAX_BODY_BYTES);
                byte[] buffer = new byte[8192];
                while (remaining > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                    if (n < 0) {
                        break;
                    }
                    body.write(buffer, 0, n);
                    remaining -= n;
                }
            } else if (encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                while (body.size() < MAX_BODY_BYTES) {
                    String sizeLine = readLine(in);
                    int semicolon = sizeLine.indexOf(';');
                    int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    body.write(in.readNBytes(size));
                    readLine(in);
                }
            } else {
                byte[] buffer = new byte[8192];
                int n;
                while (body.size() < MAX_BODY_BYTES && (n = in.read(buffer)) >= 0) {
                    body.write(buffer, 0, n);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The status is what counts; a body cut short is kept as far as it came.
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    static String abbreviate(String text, int max) {
        String printable = text.replaceAll("[\\p{Cntrl}&&[^\r\n]]", "?");
        return printable.length() <= max ? printable : printable.substring(0, max) + "…(" + text.length() + " chars)";
    }
}
