package io.dbsync.api;

import io.dbsync.api.users.PasswordReader;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;

/** Runs the real command line in-process with a given environment and standard input (no terminal). */
public final class MainRunner {
    public record Result(int exitCode, String out, String err) {
    }

    private MainRunner() {
    }

    public static Result run(Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PasswordReader passwords = new PasswordReader(null, new BufferedReader(new StringReader(stdin)));
        int code = Main.run(args, env, passwords, new PrintWriter(out, true), new PrintWriter(err, true),
                Duration.ofMillis(100));
        return new Result(code, out.toString(), err.toString());
    }
}
