package io.dbsync.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lambda package of the API: the jar and the committed start script, side by side. */
class ApiBundleTest {

    private static final Path RUN_SCRIPT = Path.of(ApiContract.RUN_SCRIPT);

    @TempDir
    Path dir;

    @Test
    void stagesTheJarUnderTheNameTheStartScriptRuns() throws IOException {
        Path staged = ApiBundle.stage(TestStacks.fakeApiJar(), RUN_SCRIPT, dir.resolve("asset"));
        assertThat(Files.readAllBytes(staged.resolve("dbsync-api.jar"))).isEqualTo(Files.readAllBytes(TestStacks.fakeApiJar()));
    }

    @Test
    void stagesTheCommittedStartScriptAsTheHandler() throws IOException {
        Path staged = ApiBundle.stage(TestStacks.fakeApiJar(), RUN_SCRIPT, dir.resolve("asset"));
        assertThat(Files.readString(staged.resolve("run.sh"))).isEqualTo(Files.readString(RUN_SCRIPT));
    }

    @Test
    void makesTheStagedScriptExecutableWhateverTheCheckoutDid() throws IOException {
        Path script = Files.copy(RUN_SCRIPT, dir.resolve("run.sh"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));

        Path staged = ApiBundle.stage(TestStacks.fakeApiJar(), script, dir.resolve("asset"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(staged.resolve("run.sh")))).isEqualTo("rwxr-xr-x");
    }

    @Test
    void replacesWhatAnEarlierSynthStaged() throws IOException {
        Path asset = Files.createDirectories(dir.resolve("asset"));
        Files.writeString(asset.resolve("stale.jar"), "left over");

        ApiBundle.stage(TestStacks.fakeApiJar(), RUN_SCRIPT, asset);

        try (var files = Files.list(asset)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("dbsync-api.jar", "run.sh");
        }
    }

    @Test
    void startScriptExecsJavaWithTheJarNextToIt() throws Exception {
        Path staged = ApiBundle.stage(TestStacks.fakeApiJar(), RUN_SCRIPT, dir.resolve("asset"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fakeJava = Files.writeString(bin.resolve("java"), "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder builder = new ProcessBuilder(staged.resolve("run.sh").toString()).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String args = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).isZero();
        assertThat(args.lines().toList()).containsSequence("-jar", staged.resolve("dbsync-api.jar").toString(), "serve");
        assertThat(args).contains("-XX:MaxRAMPercentage=");
    }

    @Test
    void failsWithTheBuildCommandWhenTheJarIsMissing() {
        assertThatThrownBy(() -> ApiBundle.stage(dir.resolve("absent.jar"), RUN_SCRIPT, dir.resolve("asset")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("The API jar is missing")
                .hasMessageContaining("mvn -B -ntp -DskipTests package -pl api");
    }

    @Test
    void refusesAJarWithoutTheApiMainClass() throws IOException {
        Path other = TestStacks.jarWithEntries(dir.resolve("other.jar"), SchedulerContract.HANDLER_CLASS_ENTRY);
        assertThatThrownBy(() -> ApiBundle.stage(other, RUN_SCRIPT, dir.resolve("asset")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("not the API's shaded jar");
    }

    @Test
    void refusesAMissingStartScript() {
        assertThatThrownBy(() -> ApiBundle.stage(TestStacks.fakeApiJar(), dir.resolve("run.sh"), dir.resolve("asset")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("start script is missing");
    }
}
