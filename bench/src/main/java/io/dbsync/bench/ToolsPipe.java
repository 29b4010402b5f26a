package io.dbsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a user who doubts dbsync runs from cron instead (issue 17):
 * {@code mongodump --archive --uri <source> --db <db> | mongorestore --archive --drop --uri <target>
 * --nsInclude '<db>.*' --nsFrom '<db>.*' --nsTo '<standby db>.*'}, with the tools' default parallelism.
 * MongoDB's mongo-tools are not part of this project: {@code --mongo-tools DIR} names a directory
 * holding binaries built by hand (docs/benchmarks.md says which version). The pipe runs as two
 * processes joined by the JDK's {@link ProcessBuilder#startPipeline}; their messages go to log files.
 */
final class ToolsPipe {
    private final Path toolsDir;
    private final Path logDir;

    /** One pipe: its wall time and both exit codes. */
    record Result(double seconds, int dumpExit, int restoreExit, String failure) {
        boolean ok() {
            return dumpExit == 0 && restoreExit == 0;
        }
    }

    ToolsPipe(Path toolsDir, Path logDir) {
        this.toolsDir = toolsDir;
        this.logDir = logDir;
    }

    /** Checks that both binaries are there and run; returns {@code mongodump --version}'s first line. */
    static String check(Path toolsDir) throws IOException, InterruptedException {
        for (String tool : List.of("mongodump", "mongorestore")) {
            if (!Files.isExecutable(toolsDir.resolve(tool))) {
                throw new IllegalArgumentException("--mongo-tools " + toolsDir + ": no executable " + tool + " there");
            }
        }
        Process version = new ProcessBuilder(toolsDir.resolve("mongodump").toString(), "--version").redirectErrorStream(true).start();
        String out = new String(version.getInputStream().readAllBytes()).trim();
        if (!version.waitFor(30, TimeUnit.SECONDS) || version.exitValue() != 0) {
            throw new IllegalArgumentException("--mongo-tools " + toolsDir + ": mongodump --version failed: " + out);
        }
        return out.lines().findFirst().orElse(out);
    }

    /** The two command lines: dump {@code db} from {@code sourceServer}, restore it as {@code standbyDb}. */
    List<List<String>> commands(String sourceServer, String db, String targetServer, String standbyDb) {
        List<String> dump = List.of(toolsDir.resolve("mongodump").toString(), "--uri", sourceServer, "--db", db, "--archive");
        List<String> restore = List.of(toolsDir.resolve("mongorestore").toString(), "--uri", targetServer, "--archive", "--drop",
                "--nsInclude", db + ".*", "--nsFrom", db + ".*", "--nsTo", standbyDb + ".*");
        return List.of(dump, restore);
    }

    /** Runs the pipe once, at most {@code timeoutSeconds}; {@code name} names its log files. */
    Result run(String name, List<List<String>> commands, long timeoutSeconds) throws IOException, InterruptedException {
        List<ProcessBuilder> builders = new ArrayList<>();
        builders.add(new ProcessBuilder(commands.get(0)).redirectError(logDir.resolve(name + "-mongodump.log").toFile()));
        builders.add(new ProcessBuilder(commands.get(1)).redirectError(logDir.resolve(name + "-mongorestore.log").toFile())
                .redirectOutput(logDir.resolve(name + "-mongorestore.out").toFile()));
        long started = System.nanoTime();
        List<Process> processes = ProcessBuilder.startPipeline(builders);
        long deadline = started + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try {
            for (Process process : processes) {
                if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return new Result(Stats.seconds(started), -1, -1, "took longer than " + timeoutSeconds + " s");
                }
            }
        } finally {
            processes.forEach(Process::destroyForcibly); // no-op for those that have exited
        }
        double seconds = Stats.seconds(started);
        int dump = processes.get(0).exitValue();
        int restore = processes.get(1).exitValue();
        String failure = dump == 0 && restore == 0 ? null : "mongodump exit " + dump + ", mongorestore exit " + restore
                + "; see " + logDir.resolve(name + "-mongo*.log");
        return new Result(seconds, dump, restore, failure);
    }
}
