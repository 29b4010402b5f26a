package io.dbsync.scheduler;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** The Basic-auth identity for one invocation; {@link #toString()} never shows the password. */
record Credentials(String username, String password) {

    /** The Authorization header value (RFC 7617, UTF-8 as the API's realm announces). */
    String authorization() {
        String pair = username + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** Strings that must never appear in output: the password and the header's token. */
    List<String> secrets() {
        return List.of(password, authorization().substring("Basic ".length()));
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
