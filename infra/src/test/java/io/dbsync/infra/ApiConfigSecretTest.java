package io.dbsync.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The Lambda-hosted API's connection strings: one JSON secret, never in the template. */
class ApiConfigSecretTest {

    private static final String EXISTING_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dbsync/api-config-AbCdEf";

    @Test
    void createsTheSecretWithTheThreeVariablesEmpty() {
        Map<String, Object> secret = TestStacks.propertiesOf(TestStacks.template(TestStacks.lambdaContext()),
                "AWS::SecretsManager::Secret", "ApiConfig");
        assertThat(secret).containsEntry("SecretString",
                "{\"DATABASE_URL\":\"\",\"SOURCE_MONGODB_URI\":\"\",\"TARGET_MONGODB_URI\":\"\"}");
    }

    @Test
    void usesAnExistingSecretByCompleteArn() {
        Template template = TestStacks.template(TestStacks.lambdaContext("apiConfigSecret", EXISTING_ARN));
        assertThat(TestStacks.resources(template, "AWS::SecretsManager::Secret").keySet()).noneMatch(id -> id.startsWith("ApiConfig"));
        assertThat(TestStacks.variables(TestStacks.propertiesOf(template, "AWS::Lambda::Function", "ApiFunction")))
                .containsEntry("DBSYNC_CONFIG_SECRET_ID", EXISTING_ARN);
    }

    @Test
    void grantsReadOnAnExistingSecretByNameWithSecretsManagersSuffix() {
        Template template = TestStacks.template(TestStacks.lambdaContext("apiConfigSecret", "dbsync/api-config"));
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                Map.of("Sid", "ReadApiConfiguration", "Effect", "Allow", "Action", "secretsmanager:GetSecretValue",
                        "Resource", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dbsync/api-config-??????"))))));
    }

    @Test
    void refusesAnArnWithoutSecretsManagersSuffix() {
        assertThatThrownBy(() -> TestStacks.template(TestStacks.lambdaContext(
                "apiConfigSecret", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dbsync/apiconfig")))
                .hasMessageContaining("apiConfigSecret must be the secret's name or its complete ARN");
    }

    @Test
    void outputsTheSecretIdToFillIn() {
        Template template = TestStacks.template(TestStacks.lambdaContext());
        template.hasOutput("ApiConfigSecretId", Map.of("Value",
                Map.of("Ref", TestStacks.idOf(template, "AWS::SecretsManager::Secret", "ApiConfig"))));
    }
}
