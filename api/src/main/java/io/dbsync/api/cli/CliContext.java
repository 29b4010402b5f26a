package io.dbsync.api.cli;

import io.dbsync.api.users.PasswordReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * What a command runs with: the environment (read here, never elsewhere), its output streams, the
 * prompt for secrets, the clock, and the terminal when there is one (progress is then redrawn in
 * place; otherwise it is printed as plain lines every {@code progressEvery}).
 *
 * @param terminal the interactive terminal's stream, or null when the output is a file or a pipe
 */
public record CliContext(Map<String, String> env, PrintWriter out, PrintWriter err, PasswordReader prompts, Clock clock,
                         PrintStream terminal, Duration progressEvery) {

    /** Who runs the command, as runs and pauses record it: the operating-system user. */
    String operator() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }
}
