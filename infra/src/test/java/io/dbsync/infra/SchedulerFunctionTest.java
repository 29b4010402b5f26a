package io.dbsync.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class SchedulerFunctionTest {

    private static Template template;

    @BeforeAll
    static void synthesise() {
        template = TestStacks.template(TestStacks.typicalContext());
    }

    @Test
    void runsTheSchedulerHandlerOnTheJava21Runtime() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "java21",
                "Handler", "io.dbsync.scheduler.SyncTriggerHandler::handleRequest"));
    }

    @Test
    void runsOnArm64() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Architectures", List.of("arm64")));
    }

    @Test
    void setsMemoryAndTimeoutToTheirDefaults() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("MemorySize", 512, "Timeout", 300));
    }

    @Test
    void givesTheLambdaTheApiUrlUsernameAndSecretId() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables", Match.objectLike(Map.of(
                "DBSYNC_URL", TestStacks.API_URL,
                "DBSYNC_USERNAME", "scheduler",
                "DBSYNC_PASSWORD_SECRET_ID", Map.of("Ref", TestStacks.onlyId(template, "AWS::SecretsManager::Secret")))))));
    }

    @Test
    void givesTheLambdaNoPasswordVariable() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                Match.objectLike(Map.of("DBSYNC_PASSWORD", Match.absent())))));
    }

    @Test
    void passesTheHttpTimeoutOf40SecondsToTheHandler() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                Match.objectLike(Map.of("DBSYNC_HTTP_TIMEOUT_SECONDS", "40")))));
    }

    @Test
    void givesTheLambdaATimeoutGreaterThanItsHttpTimeout() {
        Map<String, Object> fn = TestStacks.onlyProperties(template, "AWS::Lambda::Function");
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = (Map<String, Object>) ((Map<String, Object>) fn.get("Environment")).get("Variables");
        int lambdaTimeout = ((Number) fn.get("Timeout")).intValue();
        int httpTimeout = Integer.parseInt((String) vars.get("DBSYNC_HTTP_TIMEOUT_SECONDS"));
        assertThat(lambdaTimeout).isGreaterThan(httpTimeout);
    }

    @Test
    void refusesALambdaTimeoutThatDoesNotExceedTheHttpTimeoutPlusTheSchedulersMargin() {
        assertThatThrownBy(() -> TestStacks.params(TestStacks.typicalContextWith(
                "lambdaTimeoutSeconds", "43", "httpTimeoutSeconds", "40"), Map.of()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("must be greater than httpTimeoutSeconds");
    }

    @Test
    void pointsTheHandlerAtTheExtensionOnPort2773() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                Match.objectLike(Map.of("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", "2773")))));
    }

    @Test
    void attachesTheParametersAndSecretsExtensionLayerPublishedForTheRegionAndArchitecture() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Layers", List.of(Match.stringLikeRegexp(
                "^arn:aws:lambda:eu-west-1:\\d{12}:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:\\d+$"))));
    }

    @Test
    void attachesTheExtensionLayerGivenAsAParameter() {
        String arn = "arn:aws:lambda:eu-west-1:015030872274:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:99";
        Template custom = TestStacks.template(TestStacks.typicalContextWith("paramsSecretsLayerArn", arn));
        custom.hasResourceProperties("AWS::Lambda::Function", Map.of("Layers", List.of(arn)));
    }

    @Test
    void retriesAFailedAsynchronousInvocationAtMostOnce() {
        template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of("MaximumRetryAttempts", 1));
    }

    @Test
    void writesToItsOwnLogGroup() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("LoggingConfig", Map.of(
                "LogGroup", Map.of("Ref", TestStacks.onlyId(template, "AWS::Logs::LogGroup")))));
    }

    @Test
    void keepsLogsFor30DaysByDefault() {
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
    }

    @Test
    void keepsLogsForTheRetentionGivenAsAParameter() {
        TestStacks.template(TestStacks.typicalContextWith("logRetentionDays", "90"))
                .hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 90));
    }
}
