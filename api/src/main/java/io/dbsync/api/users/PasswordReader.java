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
