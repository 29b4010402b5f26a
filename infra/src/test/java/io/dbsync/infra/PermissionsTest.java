package io.dbsync.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Least privilege: the scheduler's role may write its own logs and read its one secret. */
class PermissionsTest {

    private static final String KMS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static Template template;

    @BeforeAll
    static void synthesise() {
        template = TestStacks.template(TestStacks.typicalContext());
    }

    @Test
    void allowsGetSecretValueOnTheOneSecretOnly() {
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                Map.of("Sid", "ReadSchedulerPassword",
                        "Effect", "Allow",
                        "Action", "secretsmanager:GetSecretValue",
                        "Resource", Map.of("Ref", TestStacks.onlyId(template, "AWS::SecretsManager::Secret"))))))));
    }

    @Test
    void allowsLogWritesToTheFunctionsOwnLogGroupOnly() {
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                Map.of("Sid", "WriteOwnLogGroup",
                        "Effect", "Allow",
                        "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        "Resource", Map.of("Fn::GetAtt", List.of(TestStacks.onlyId(template, "AWS::Logs::LogGroup"), "Arn"))))))));
    }

    @Test
    void grantsNothingOnAWildcardResource() {
        assertThat(allStatements(template)).allSatisfy(statement -> {
            Object resource = statement.get("Resource");
            assertThat(resource instanceof List<?> list ? list : List.of(resource)).doesNotContain("*");
        });
    }

    @Test
    void grantsNoActionWildcards() {
        assertThat(allStatements(template)).allSatisfy(statement ->
                assertThat(String.valueOf(statement.get("Action"))).doesNotContain("*"));
    }

    @Test
    void attachesNoManagedPolicyToTheSchedulerRole() {
        template.hasResourceProperties("AWS::IAM::Role", Map.of(
                "AssumeRolePolicyDocument", Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "lambda.amazonaws.com"))))),
                "ManagedPolicyArns", Match.absent()));
    }

    @Test
    void scopesAnExistingSecretGivenByNameToItsSixCharacterSuffix() throws Exception {
        Template byName = TestStacks.template(TestStacks.typicalContextWith("passwordSecret", "dbsync/scheduler"));
        Map<String, Object> read = allStatements(byName).stream()
                .filter(st -> "secretsmanager:GetSecretValue".equals(st.get("Action")))
                .findFirst().orElseThrow();
        assertThat(new ObjectMapper().writeValueAsString(read.get("Resource")))
                .contains(":secretsmanager:eu-west-1:123456789012:secret:dbsync/scheduler-??????\"");
    }

    @Test
    void scopesAnExistingSecretGivenByCompleteArnToThatArn() {
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dbsync/scheduler-AbC123";
        TestStacks.template(TestStacks.typicalContextWith("passwordSecret", arn))
                .hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Action", "secretsmanager:GetSecretValue", "Resource", arn)))))));
    }

    @Test
    void refusesAPartialSecretArnBecauseItsPermissionCouldNotBeScoped() {
        assertThatThrownBy(() -> TestStacks.stack(TestStacks.typicalContextWith(
                "passwordSecret", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dbsync")))
                .hasMessageContaining("complete ARN");
    }

    @Test
    void allowsKmsDecryptOfAGivenSecretKeyOnlyThroughSecretsManager() {
        Template withKey = TestStacks.template(TestStacks.typicalContextWith(
                "passwordSecret", "dbsync/scheduler", "passwordSecretKmsKeyArn", KMS_KEY));
        withKey.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of(
                        "Action", "kms:Decrypt",
                        "Resource", KMS_KEY,
                        "Condition", Map.of("StringEquals", Map.of("kms:ViaService", "secretsmanager.eu-west-1.amazonaws.com")))))))));
    }

    @Test
    void grantsNoKmsPermissionWhenTheSecretUsesTheDefaultKey() {
        assertThat(allStatements(template)).noneSatisfy(statement ->
                assertThat(String.valueOf(statement.get("Action"))).startsWith("kms:"));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> allStatements(Template template) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Map<String, Object> policy : TestStacks.resources(template, "AWS::IAM::Policy").values()) {
            Map<String, Object> doc = (Map<String, Object>) TestStacks.properties(policy).get("PolicyDocument");
            statements.addAll((List<Map<String, Object>>) doc.get("Statement"));
        }
        return statements;
    }
}
