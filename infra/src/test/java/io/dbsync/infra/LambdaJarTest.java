package io.dbsync.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaJarTest {

    @TempDir
    Path dir;

    @Test
    void failsWithTheBuildCommandWhenTheJarIsMissing() {
        assertThatThrownBy(() -> LambdaJar.require(dir.resolve("dbsync-scheduler-lambda.jar")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("missing")
                .hasMessageContaining("mvn -B -ntp package -pl scheduler-lambda");
    }

    @Test
    void refusesAJarWithoutTheSchedulerHandler() throws IOException {
        Path other = TestStacks.jarWithEntries(dir.resolve("other.jar"), "com/example/Other.class");
        assertThatThrownBy(() -> LambdaJar.require(other))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("not the scheduler's shaded jar");
    }

    @Test
    void refusesAFileThatIsNotAJar() throws IOException {
        Path text = Files.writeString(dir.resolve("dbsync-scheduler-lambda.jar"), "not a zip");
        assertThatThrownBy(() -> LambdaJar.require(text))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("not a readable jar");
    }

    @Test
    void acceptsAJarHoldingTheSchedulerHandler() throws IOException {
        Path jar = TestStacks.jarWithEntries(dir.resolve("ok.jar"), SchedulerContract.HANDLER_CLASS_ENTRY);
        assertThat(LambdaJar.require(jar)).isEqualTo(jar);
    }

    @Test
    void stopsTheStackFromSynthesisingWithoutTheJar() {
        DeployParameters params = TestStacks.params(
                TestStacks.typicalContextWith("lambdaJar", dir.resolve("absent.jar").toString()), java.util.Map.of());
        assertThatThrownBy(() -> TestStacks.stack(params))
                .hasMessageContaining("The scheduler Lambda jar is missing");
    }
}
