package io.dbsync.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Puts the API's shaded jar and its start script side by side as the Lambda function's code
 * asset. The script must stay executable in the zip (the Web Adapter execs it), and the CDK CLI
 * zips each file with its mode: so the staged copy is made 0755 here, whatever the checkout did.
 */
public final class ApiBundle {

    static final String BUILD_HINT = "build it first: mvn -B -ntp -DskipTests package -pl api"
            + " (from the repository root; add -am on a fresh clone)";

    private ApiBundle() {
    }

    /** Returns {@code jar} when it is a readable jar holding the API's main class. */
    public static Path requireJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new InvalidParameterException("The API jar is missing: " + jar.toAbsolutePath().normalize() + " — "
                    + BUILD_HINT + ", or point " + Parameter.API_JAR.contextKey() + " / " + Parameter.API_JAR.envVar() + " at it");
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.getEntry(ApiContract.MAIN_CLASS_ENTRY) == null) {
                throw new InvalidParameterException(jar.toAbsolutePath().normalize() + " does not contain "
                        + ApiContract.MAIN_CLASS_ENTRY + "; it is not the API's shaded jar — " + BUILD_HINT);
            }
        } catch (IOException e) {
            throw new InvalidParameterException(jar.toAbsolutePath().normalize() + " is not a readable jar ("
                    + e.getMessage() + ") — " + BUILD_HINT);
        }
        return jar;
    }

    /** Stages jar and script into {@code dir} (emptied first) and returns it. */
    public static Path stage(Path jar, Path runScript, Path dir) {
        requireJar(jar);
        if (!Files.isRegularFile(runScript)) {
            throw new InvalidParameterException("The API's start script is missing: " + runScript.toAbsolutePath().normalize()
                    + " (it is part of the repository: api/src/lambda/run.sh)");
        }
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> old = Files.list(dir)) {
                    for (Path file : old.toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(dir);
            Path stagedJar = Files.copy(jar, dir.resolve(ApiContract.JAR_NAME), StandardCopyOption.REPLACE_EXISTING);
            Path stagedScript = Files.copy(runScript, dir.resolve(ApiContract.HANDLER), StandardCopyOption.REPLACE_EXISTING);
            if (stagedScript.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(stagedScript, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.setPosixFilePermissions(stagedJar, PosixFilePermissions.fromString("rw-r--r--"));
            } else {
                throw new InvalidParameterException("cannot mark " + stagedScript + " executable on this file system;"
                        + " synthesise the Lambda-hosted API on Linux or macOS (or WSL)");
            }
            return dir;
        } catch (IOException e) {
            throw new InvalidParameterException("could not stage the API's Lambda package in " + dir.toAbsolutePath()
                    + ": " + e.getMessage());
        }
    }
}
