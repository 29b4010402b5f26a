package io.dbsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The anchor for restoring: {@code mongorestore --archive=<file> --gzip --drop} of the newest restore
 * point dbsync wrote, into its own database on the target, timed, with its counts checked against the
 * source. It also proves again that mongorestore reads dbsync's archives.
 */
final class ToolsRestore {
    private static final long TIMEOUT_SECONDS = 3600;

    private ToolsRestore() {
    }

    static Map<String, Object> run(Path toolsDir, Path logDir, Path store, ServerProcess source, ServerProcess target,
                                   String db) throws IOException, InterruptedException {
        Map<String, Object> out = new LinkedHashMap<>();
        Path archive;
        try (Stream<Path> files = Files.list(store)) {
            archive = files.filter(path -> path.getFileName().toString().endsWith(".archive.gz")).findFirst().orElse(null);
        }
        if (archive == null) {
            out.put("error", "no restore point in " + store);
            return out;
        }
        String restoredDb = db + "_tools_restored";
        out.put("mongoTools", ToolsPipe.check(toolsDir));
        long started = System.nanoTime();
        Process restore = new ProcessBuilder(toolsDir.resolve("mongorestore").toString(), "--uri", target.uri(""),
                "--archive=" + archive, "--gzip", "--drop", "--nsInclude", db + ".*", "--nsFrom", db + ".*",
                "--nsTo", restoredDb + ".*").redirectErrorStream(true)
                .redirectOutput(logDir.resolve("rp-mongorestore.log").toFile()).start();
        boolean finished = restore.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        double seconds = Stats.seconds(started);
        restore.destroyForcibly();
        out.put("seconds", Stats.round(seconds, 3));
        out.put("exitCode", finished ? restore.exitValue() : -1);
        out.put("countsEqualSource", finished && restore.exitValue() == 0
                && CountCheck.equal(source.uri(db), db, target.uri(restoredDb), restoredDb));
        RestorePointScenario.dropDatabase(target, restoredDb);
        return out;
    }
}
