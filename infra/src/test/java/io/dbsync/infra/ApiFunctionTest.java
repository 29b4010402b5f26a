package io.dbsync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** {@code -c hostApi=lambda}: the API on Lambda behind a function URL, through the Web Adapter. */
@SuppressWarnings("unchecked")
class ApiFunctionTest {

    private static Template template;
    private static Map<String, Object> api;
    private static Map<String, Object> scheduler;

    @BeforeAll
    static void synthesise() {
        template = TestStacks.template(TestStacks.lambdaContext());
        api = TestStacks.propertiesOf(template, "AWS::Lambda::Function", "ApiFunction");
        scheduler = TestStacks.propertiesOf(template, "AWS::Lambda::Function", "SchedulerFunction");
    }

    @Test
    void runsTheStartScriptOnTheManagedJava21Runtime() {
        assertThat(api).containsEntry("Runtime", "java21").containsEntry("Handler", "run.sh");
    }

    @Test
    void runsOnArm64() {
        assertThat(api).containsEntry("Architectures", List.of("arm64"));
    }

    @Test
    void attachesTheWebAdapterLayerVersion26ForTheRegionAndArchitecture() {
        assertThat((List<Object>) api.get("Layers"))
                .contains("arn:aws:lambda:eu-west-1:753240598075:layer:LambdaAdapterLayerArm64:26");
    }

    @Test
    void attachesTheParametersAndSecretsExtensionLayer() {
        assertThat((List<Object>) api.get("Layers")).anySatisfy(layer -> assertThat((String) layer)
                .matches("^arn:aws:lambda:eu-west-1:\\d{12}:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:\\d+$"));
    }

    @Test
    void attachesTheWebAdapterLayerGivenAsAParameter() {
        String arn = "arn:aws:lambda:eu-west-1:753240598075:layer:LambdaAdapterLayerArm64:27";
        Map<String, Object> custom = TestStacks.propertiesOf(TestStacks.template(TestStacks.lambdaContext("webAdapterLayerArn", arn)),
                "AWS::Lambda::Function", "ApiFunction");
        assertThat((List<Object>) custom.get("Layers")).contains(arn);
    }

    @Test
    void startsThroughTheAdaptersExecWrapper() {
        assertThat(TestStacks.variables(api)).containsEntry("AWS_LAMBDA_EXEC_WRAPPER", "/opt/bootstrap");
    }

    @Test
    void tellsTheApiAndTheAdapterTheSamePort() {
        assertThat(TestStacks.variables(api)).containsEntry("PORT", "8080").containsEntry("AWS_LWA_PORT", "8080");
    }

    @Test
    void checksReadinessOnHealth() {
        assertThat(TestStacks.variables(api)).containsEntry("AWS_LWA_READINESS_CHECK_PATH", "/health");
    }

    @Test
    void letsTheFirstRequestFinishASlowColdStartWithoutSnapStart() {
        assertThat(TestStacks.variables(api)).containsEntry("AWS_LWA_ASYNC_INIT", "true");
    }

    @Test
    void runsUpToFifteenMinutes() {
        assertThat(api).containsEntry("Timeout", 900);
    }

    @Test
    void waitsForTheRunSixtySecondsLessThanTheFunctionMayRun() {
        assertThat(TestStacks.variables(api)).containsEntry("SYNC_WAIT_SECONDS", "840");
    }

    @Test
    void stopsARunStillGoingWhenTheWaitIsOverInsteadOfAnswering202() {
        assertThat(TestStacks.variables(api)).containsEntry("SYNC_WITHIN_REQUEST", "true");
    }

    @Test
    void countsFailedLoginsPerCallerNotPerWebAdapter() {
        assertThat(TestStacks.variables(api)).containsEntry("TRUSTED_PROXY_HOPS", "1");
    }

    @Test
    void derivesTheWaitFromAGivenTimeout() {
        Map<String, Object> custom = TestStacks.propertiesOf(TestStacks.template(TestStacks.lambdaContext("apiTimeoutSeconds", "600")),
                "AWS::Lambda::Function", "ApiFunction");
        assertThat(TestStacks.variables(custom)).containsEntry("SYNC_WAIT_SECONDS", "540");
    }

    @Test
    void gives1024MbByDefault() {
        assertThat(api).containsEntry("MemorySize", 1024);
    }

    @Test
    void namesTheConfigurationSecretAndNoConnectionString() {
        Map<String, Object> variables = TestStacks.variables(api);
        assertThat(variables).containsEntry("DBSYNC_CONFIG_SECRET_ID",
                Map.of("Ref", TestStacks.idOf(template, "AWS::SecretsManager::Secret", "ApiConfig")));
        assertThat(variables).doesNotContainKeys("DATABASE_URL", "SOURCE_MONGODB_URI", "TARGET_MONGODB_URI", "MONGODB", "TARGETDB");
    }

    @Test
    void servesAFunctionUrlWithoutIamAuthBecauseBasicAuthStaysInTheApp() {
        template.hasResourceProperties("AWS::Lambda::Url", Map.of("AuthType", "NONE", "TargetFunctionArn",
                Map.of("Fn::GetAtt", List.of(TestStacks.idOf(template, "AWS::Lambda::Function", "ApiFunction"), "Arn"))));
    }

    @Test
    void letsAnyoneInvokeTheFunctionOnlyThroughItsUrl() {
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction", "Principal", "*", "InvokedViaFunctionUrl", true));
    }

    @Test
    void pointsTheSchedulerAtTheFunctionUrl() {
        assertThat(TestStacks.variables(scheduler)).containsEntry("DBSYNC_URL", Map.of("Fn::GetAtt",
                List.of(TestStacks.idOf(template, "AWS::Lambda::Url", "ApiFunction"), "FunctionUrl")));
    }

    @Test
    void givesTheSchedulerAnHttpTimeoutAboveTheApisWait() {
        int wait = Integer.parseInt((String) TestStacks.variables(api).get("SYNC_WAIT_SECONDS"));
        int http = Integer.parseInt((String) TestStacks.variables(scheduler).get("DBSYNC_HTTP_TIMEOUT_SECONDS"));
        assertThat(http).isEqualTo(880).isGreaterThan(wait);
    }

    @Test
    void givesTheSchedulerAFifteenMinuteBudgetAboveItsHttpTimeout() {
        int http = Integer.parseInt((String) TestStacks.variables(scheduler).get("DBSYNC_HTTP_TIMEOUT_SECONDS"));
        assertThat(((Number) scheduler.get("Timeout")).intValue()).isEqualTo(900).isGreaterThan(http + 3);
    }

    @Test
    void keepsItsLogsInItsOwnLogGroup() {
        assertThat(api).containsEntry("LoggingConfig", Map.of("LogGroup",
                Map.of("Ref", TestStacks.idOf(template, "AWS::Logs::LogGroup", "ApiLogGroup"))));
    }

    @Test
    void mayReadItsConfigurationSecretAndNothingElseOfSecretsManager() {
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", TestStacks.idOf(template, "AWS::IAM::Role", "ApiRole"))),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Map.of(
                        "Sid", "ReadApiConfiguration", "Effect", "Allow", "Action", "secretsmanager:GetSecretValue",
                        "Resource", Map.of("Ref", TestStacks.idOf(template, "AWS::SecretsManager::Secret", "ApiConfig"))))))));
    }

    @Test
    void publishesNoVersionWithoutSnapStart() {
        template.resourceCountIs("AWS::Lambda::Version", 0);
    }

    @Test
    void withSnapStartServesTheUrlFromTheLiveAliasOfAPublishedVersion() {
        Template snap = TestStacks.template(TestStacks.lambdaContext("apiSnapStart", "true"));
        snap.hasResourceProperties("AWS::Lambda::Function", Map.of("SnapStart", Map.of("ApplyOn", "PublishedVersions")));
        snap.hasResourceProperties("AWS::Lambda::Url", Map.of("Qualifier", "live"));
    }

    @Test
    void withSnapStartWaitsForAReadyApiBeforeTheSnapshot() {
        Map<String, Object> snap = TestStacks.propertiesOf(TestStacks.template(TestStacks.lambdaContext("apiSnapStart", "true")),
                "AWS::Lambda::Function", "ApiFunction");
        assertThat(TestStacks.variables(snap)).doesNotContainKey("AWS_LWA_ASYNC_INIT");
    }

    @Test
    void deploysNoApiFunctionByDefault() {
        TestStacks.template(TestStacks.typicalContext()).resourceCountIs("AWS::Lambda::Url", 0);
    }
}
