package io.dbsync.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

/**
 * Checks that the scheduler's shaded jar is there and is the right jar before it becomes the
 * Lambda asset. Synthesising without it must fail loudly: a stale or wrong artifact deployed
 * silently is worse than no deploy.
 */
public final class LambdaJar {

    static final String BUILD_HINT = "build it first: mvn -B -ntp package -pl scheduler-lambda"
            + " (from the repository root; add -am on a fresh clone)";

    private LambdaJar() {
    }

    /** Returns {@code jar} when it is a readable jar holding the scheduler's handler class. */
    public static Path require(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new InvalidParameterException("The scheduler Lambda jar is missing: " + jar.toAbsolutePath().normalize()
                    + " — " + BUILD_HINT + ", or point " + Parameter.LAMBDA_JAR.contextKey() + " / "
                    + Parameter.LAMBDA_JAR.envVar() + " at it");
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.getEntry(SchedulerContract.HANDLER_CLASS_ENTRY) == null) {
                throw new InvalidParameterException(jar.toAbsolutePath().normalize() + " does not contain "
                        + SchedulerContract.HANDLER_CLASS_ENTRY + "; it is not the scheduler's shaded jar — " + BUILD_HINT);
            }
        } catch (IOException e) {
            throw new InvalidParameterException(jar.toAbsolutePath().normalize() + " is not a readable jar ("
                    + e.getMessage() + ") — " + BUILD_HINT);
        }
        return jar;
    }
}
