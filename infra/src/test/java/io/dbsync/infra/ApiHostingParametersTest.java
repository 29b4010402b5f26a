package io.dbsync.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parameters of {@code hostApi}: defaults, the timeouts that must fit together, bad input. */
class ApiHostingParametersTest {

    private static DeployParameters lambda(Object... keyValues) {
        return TestStacks.params(TestStacks.lambdaContext(keyValues), Map.of());
    }

    @Test
    void hostsNoApiByDefault() {
        assertThat(TestStacks.params(Map.of(), Map.of()).apiHosting()).isEmpty();
    }

    @Test
    void keepsTheSchedulersTimeoutsOfTodayWithoutTheLambdaHostedApi() {
        DeployParameters params = TestStacks.params(Map.of(), Map.of());
        assertThat(params.lambdaTimeout().toSeconds()).isEqualTo(300);
        assertThat(params.httpTimeout().toSeconds()).isEqualTo(40);
    }

    @Test
    void readsHostApiFromTheEnvironment() {
        assertThat(TestStacks.params(Map.of(), Map.of("DBSYNC_HOST_API", "lambda")).apiHosting()).isPresent();
    }

    @Test
    void raisesTheSchedulersBudgetToFifteenMinutesWithTheLambdaHostedApi() {
        assertThat(lambda().lambdaTimeout().toSeconds()).isEqualTo(900);
    }

    @Test
    void setsTheSchedulersHttpTimeoutToTheApisWaitPlusFortySeconds() {
        assertThat(lambda("apiTimeoutSeconds", "600").httpTimeout().toSeconds()).isEqualTo(580);
    }

    @Test
    void acceptsAnHttpTimeoutGivenExplicitlyWhenItCoversTheWait() {
        assertThat(lambda("httpTimeoutSeconds", "860").httpTimeout().toSeconds()).isEqualTo(860);
    }

    @Test
    void refusesAnHttpTimeoutThatDoesNotCoverTheApisWait() {
        assertThatThrownBy(() -> lambda("httpTimeoutSeconds", "850"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("httpTimeoutSeconds (850 s) must be at least the API's wait (840 s");
    }

    @Test
    void refusesAnApiUrlWithTheLambdaHostedApi() {
        assertThatThrownBy(() -> lambda("apiUrl", "https://dbsync.example.org"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("apiUrl must not be set with hostApi=lambda");
    }

    @Test
    void refusesAnUnknownHostingMode() {
        assertThatThrownBy(() -> TestStacks.params(Map.of("hostApi", "heroku"), Map.of()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("hostApi must be none")
                .hasMessageContaining("got: heroku");
    }

    @Test
    void refusesAConfigurationSecretWithoutTheLambdaHostedApi() {
        assertThatThrownBy(() -> TestStacks.params(Map.of("apiConfigSecret", "dbsync/api"), Map.of()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("apiConfigSecret only applies with hostApi=lambda");
    }

    @Test
    void refusesAnApiTimeoutAboveLambdasLimit() {
        assertThatThrownBy(() -> lambda("apiTimeoutSeconds", "901"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("apiTimeoutSeconds must be between 120 and 900");
    }

    @Test
    void refusesAnApiTimeoutThatLeavesNoTimeToWait() {
        assertThatThrownBy(() -> lambda("apiTimeoutSeconds", "90"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("apiTimeoutSeconds must be between 120 and 900");
    }

    @Test
    void refusesTooLittleMemoryForTheApi() {
        assertThatThrownBy(() -> lambda("apiMemoryMb", "256"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("apiMemoryMb must be between 512 and 10240");
    }

    @Test
    void refusesAWebAdapterLayerThatIsNotALambdaArn() {
        assertThatThrownBy(() -> lambda("webAdapterLayerArn", "LambdaAdapterLayerArm64:26"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("webAdapterLayerArn must be an ARN");
    }

    @Test
    void resolvesTheApiJarAndStartScriptAgainstTheInfraDirectory() {
        ApiHosting hosting = DeployParameters.resolve(Map.<String, Object>of("hostApi", "lambda")::get, Map.of(),
                Path.of("/repo/infra")).apiHosting().orElseThrow();
        assertThat(hosting.jar()).isEqualTo(Path.of("/repo/api/target/dbsync-api.jar"));
        assertThat(hosting.runScript()).isEqualTo(Path.of("/repo/api/src/lambda/run.sh"));
    }

    @Test
    void stopsTheStackFromSynthesisingWithoutTheApiJar() {
        DeployParameters params = TestStacks.params(TestStacks.lambdaContext("apiJar", "/nonexistent/dbsync-api.jar"), Map.of());
        assertThatThrownBy(() -> TestStacks.stack(params))
                .hasMessageContaining("The API jar is missing")
                .hasMessageContaining("mvn -B -ntp -DskipTests package -pl api");
    }
}
