package io.dbsync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container path (issue 18) cannot be built here (no image registry is reachable), so these
 * read the root Dockerfile for the promises docs/deploy.md makes about it.
 */
class ContainerFilesTest {

    private static List<String> runtimeStage;

    @BeforeAll
    static void read() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "Dockerfile"));
        int lastFrom = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ")) {
                lastFrom = i;
            }
        }
        runtimeStage = lines.subList(lastFrom, lines.size());
    }

    private static String instruction(String keyword) {
        StringBuilder found = new StringBuilder();
        boolean continued = false;
        for (String line : runtimeStage) {
            if (line.startsWith(keyword + " ") || continued && found.length() > 0) {
                found.append(line.strip()).append(' ');
                continued = line.endsWith("\\");
                if (!continued) {
                    return found.toString();
                }
            }
        }
        throw new AssertionError("no " + keyword + " in the Dockerfile's runtime stage");
    }

    @Test
    void runsOnTheEclipseTemurin21Jre() {
        assertThat(runtimeStage.get(0)).isEqualTo("FROM eclipse-temurin:21-jre");
    }

    @Test
    void runsAsANonRootUser() {
        assertThat(instruction("USER")).doesNotContain("root").matches("USER [1-9][0-9]*:[1-9][0-9]* ");
    }

    @Test
    void checksHealthOnTheHealthRouteAtThePortTheHostGives() {
        assertThat(instruction("HEALTHCHECK")).contains("/health").contains("${PORT}");
    }

    @Test
    void startsTheJarTheApiBuildProduces() {
        assertThat(instruction("COPY")).contains("api/target/" + ApiContract.JAR_NAME);
        assertThat(instruction("ENTRYPOINT")).contains("-jar").contains(ApiContract.JAR_NAME);
    }
}
