package io.dbsync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a benchmark JVM from this classpath with its own {@code -Xmx}, output to a log file. The
 * child's stdin stays open while the harness wants it alive; closing it (or the harness dying)
 * makes the child's {@link Lifeline} end it.
 */
final class ChildJvm {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChildJvm() {
    }

    static ProcessBuilder builder(String xmx, String mainClass, List<String> args) {
        return builder(List.of("-Xmx" + xmx), mainClass, args);
    }

    static ProcessBuilder builder(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Dlogback.configurationFile=bench-logback.xml");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    /** Runs a child to the end and returns the JSON of its {@code RESULT} line. */
    static Map<String, Object> run(String name, Path logDir, String xmx, String mainClass, List<String> args,
                                   Duration timeout) throws IOException, InterruptedException {
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = builder(xmx, mainClass, args).redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        OutputStream lifeline = process.getOutputStream(); // held open until the child is done
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " took longer than " + timeout + "; see " + log);
            }
        } finally {
            lifeline.close();
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        String result = Files.readAllLines(log).stream().filter(line -> line.startsWith("RESULT ")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException(name + " failed (exit " + process.exitValue() + "); see " + log));
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = JSON.readValue(result.substring("RESULT ".length()), Map.class);
        return parsed;
    }
}
