package io.dbsync.api.users;

import io.dbsync.api.DbSyncException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads a new password from the terminal (asked twice, not echoed) or, when there is no terminal,
 * from the first line of standard input — never from the command line, where it would show in
 * shell history and {@code ps}.
 */
public final class PasswordReader {
    private final Console console;
    private final BufferedReader stdin;

    public PasswordReader(Console console, BufferedReader stdin) {
        this.console = console;
        this.stdin = stdin;
    }

    /**
     * Reads one secret (a connection string, say) without echo on a terminal, else from the next line
     * of standard input; {@code what} names it in the prompt and in the error.
     */
    public String readSecret(String what) {
        if (console != null) {
            char[] secret = console.readPassword("%s: ", what);
            if (secret == null || secret.length == 0) {
                throw new DbSyncException("no " + what + " entered");
            }
            return new String(secret);
        }
        try {
            String line = stdin.readLine();
            if (line == null || line.isBlank()) {
                throw new DbSyncException(what + " is not set, and standard input has no line to read it from");
            }
            return line.trim();
        } catch (IOException e) {
            throw new DbSyncException("could not read the " + what + " from standard input");
        }
    }

    public String read(String username) {
        if (console != null) {
            char[] first = console.readPassword("New password for %s: ", username);
            char[] second = console.readPassword("Repeat the password: ");
            if (first == null || second == null) {
                throw new DbSyncException("no password entered");
            }
            try {
                if (!Arrays.equals(first, second)) {
                    throw new DbSyncException("the two passwords differ");
                }
                return new String(first);
            } finally {
                Arrays.fill(first, ' ');
                Arrays.fill(second, ' ');
            }
        }
        try {
            String line = stdin.readLine();
            if (line == null || line.isEmpty()) {
                throw new DbSyncException("no password on standard input");
            }
            return line;
        } catch (IOException e) {
            throw new DbSyncException("could not read the password from standard input");
        }
    }
}
