package io.dbsync.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployParametersTest {

    @Test
    void defaultsToA15MinuteRate() {
        assertThat(TestStacks.params(Map.of(), Map.of()).schedule()).isEqualTo("rate(15 minutes)");
    }

    @Test
    void defaultsToAFreshnessWindowOfOneHour() {
        assertThat(TestStacks.params(Map.of(), Map.of()).freshnessWindow().toMinutes()).isEqualTo(60);
    }

    @Test
    void readsAParameterFromTheEnvironmentWhenTheContextHasNone() {
        assertThat(TestStacks.params(Map.of(), Map.of("DBSYNC_URL", "https://env.example")).effectiveApiUrl())
                .hasToString("https://env.example");
    }

    @Test
    void prefersTheContextOverTheEnvironment() {
        assertThat(TestStacks.params(Map.of("apiUrl", "https://context.example"), Map.of("DBSYNC_URL", "https://env.example"))
                .effectiveApiUrl()).hasToString("https://context.example");
    }

    @Test
    void usesThePlaceholderUrlWhenNoneIsGiven() {
        assertThat(TestStacks.params(Map.of(), Map.of()).effectiveApiUrl()).isEqualTo(DeployParameters.PLACEHOLDER_API_URL);
    }

    @Test
    void refusesAPlainHttpApiUrl() {
        assertThatThrownBy(() -> TestStacks.params(Map.of("apiUrl", "http://dbsync.example"), Map.of()))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("https://");
    }

    @Test
    void refusesAnApiUrlCarryingCredentials() {
        assertThatThrownBy(() -> TestStacks.params(Map.of("apiUrl", "https://u:p@dbsync.example"), Map.of()))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("credentials");
    }

    @Test
    void refusesAnAlarmEmailThatIsNotAnAddress() {
        assertThatThrownBy(() -> TestStacks.params(Map.of("alarmEmail", "ops"), Map.of()))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("alarmEmail");
    }

    @Test
    void refusesALogRetentionCloudWatchDoesNotOffer() {
        assertThatThrownBy(() -> TestStacks.params(Map.of("logRetentionDays", "10"), Map.of()))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("logRetentionDays");
    }

    @Test
    void refusesAFreshnessWindowThatIsNotAMultipleOfFiveMinutes() {
        assertThatThrownBy(() -> TestStacks.params(Map.of("freshnessMinutes", "62"), Map.of()))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("multiple of 5");
    }

    @Test
    void resolvesTheLambdaJarAgainstTheInfraDirectoryByDefault() {
        DeployParameters params = DeployParameters.resolve(key -> null, Map.of(), Path.of("/repo/infra"));
        assertThat(params.lambdaJar()).isEqualTo(Path.of("/repo/scheduler-lambda/target/dbsync-scheduler-lambda.jar"));
    }

    @Test
    void documentsEveryParameterInDeployMd() throws IOException {
        String deployMd = Files.readString(Path.of("..", "docs", "deploy.md"));
        assertThat(Arrays.stream(Parameter.values()))
                .allSatisfy(p -> assertThat(deployMd).contains("`" + p.contextKey() + "`").contains("`" + p.envVar() + "`"));
    }
}
