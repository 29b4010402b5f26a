package io.dbsync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The password lives in Secrets Manager and nowhere else. */
class SchedulerPasswordTest {

    @Test
    void createsASecretWithAGeneratedPasswordWhenNoneIsGiven() {
        TestStacks.template(TestStacks.typicalContext()).hasResourceProperties("AWS::SecretsManager::Secret", Map.of(
                "GenerateSecretString", Match.objectLike(Map.of("PasswordLength", 32, "ExcludePunctuation", true))));
    }

    @Test
    void putsNoSecretValueInTheTemplate() {
        TestStacks.template(TestStacks.typicalContext()).hasResourceProperties("AWS::SecretsManager::Secret",
                Map.of("SecretString", Match.absent()));
    }

    @Test
    void neverCopiesAPasswordFoundInTheEnvironmentIntoTheTemplate() throws Exception {
        String password = "Hunter2-very-secret-" + System.nanoTime();
        DeployParameters params = TestStacks.params(TestStacks.typicalContext(), Map.of(
                "DBSYNC_PASSWORD", password, "PASSWORD", password));
        String json = new ObjectMapper().writeValueAsString(Template.fromStack(TestStacks.stack(params)).toJSON());
        assertThat(json).doesNotContain(password);
    }

    @Test
    void createsNoSecretWhenAnExistingOneIsNamed() {
        TestStacks.template(TestStacks.typicalContextWith("passwordSecret", "dbsync/scheduler"))
                .resourceCountIs("AWS::SecretsManager::Secret", 0);
    }

    @Test
    void givesTheLambdaTheNameOfAnExistingSecret() {
        TestStacks.template(TestStacks.typicalContextWith("passwordSecret", "dbsync/scheduler"))
                .hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                        Match.objectLike(Map.of("DBSYNC_PASSWORD_SECRET_ID", "dbsync/scheduler")))));
    }
}
