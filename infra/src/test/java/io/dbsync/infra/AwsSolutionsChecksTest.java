package io.dbsync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * cdk-nag's AwsSolutions pack over the stack, as {@link InfraApp} runs it: every finding is either
 * fixed or suppressed on its resource with a written reason.
 */
class AwsSolutionsChecksTest {

    private static final Pattern REPORT = Pattern.compile("found in: (\\S+validation-report\\.json)");

    @Test
    void reportsNoAwsSolutionsErrorsWithTypicalParameters() {
        assertThat(findings(checked(TestStacks.typicalContext()), "error")).isEmpty();
    }

    @Test
    void reportsNoAwsSolutionsWarningsWithTypicalParameters() {
        assertThat(findings(checked(TestStacks.typicalContext()), "warning")).isEmpty();
    }

    @Test
    void reportsNoAwsSolutionsErrorsWithEveryOptionTurnedOn() {
        assertThat(findings(checked(everyOption()), "error")).isEmpty();
    }

    @Test
    void reportsNoAwsSolutionsWarningsWithEveryOptionTurnedOn() {
        assertThat(findings(checked(everyOption()), "warning")).isEmpty();
    }

    @Test
    void reportsNoAwsSolutionsErrorsWithTheApiOnLambdaAndRestorePoints() {
        assertThat(findings(checked(lambdaWithEverything()), "error")).isEmpty();
    }

    @Test
    void reportsNoAwsSolutionsWarningsWithTheApiOnLambdaAndRestorePoints() {
        assertThat(findings(checked(lambdaWithEverything()), "warning")).isEmpty();
    }

    @Test
    void reportsNoAwsSolutionsErrorsWithSnapStartAndExistingSecrets() {
        assertThat(findings(checked(TestStacks.lambdaContext(
                "apiSnapStart", "true",
                "apiConfigSecret", "dbsync/api-config",
                "passwordSecret", "dbsync/scheduler",
                "snapshots", "true")), "error")).isEmpty();
    }

    @Test
    void givesEverySuppressionOfTheLambdaHostedApiAWrittenReason() {
        List<Map<String, Object>> suppressions = suppressions(Template.fromStack(checked(lambdaWithEverything())));
        assertThat(suppressions).extracting(s -> s.get("id")).contains("AwsSolutions-S1", "AwsSolutions-IAM5");
        assertThat(suppressions).allSatisfy(s ->
                assertThat((String) s.get("reason")).as("reason of %s", s.get("id")).hasSizeGreaterThan(60));
    }

    @Test
    void givesEverySuppressionAWrittenReason() {
        List<Map<String, Object>> suppressions = suppressions(Template.fromStack(checked(everyOption())));
        assertThat(suppressions).isNotEmpty().allSatisfy(s ->
                assertThat((String) s.get("reason")).as("reason of %s", s.get("id")).hasSizeGreaterThan(60));
    }

    @Test
    void reportsAnUnsuppressedFinding() {
        // The checks can fail: a queue without TLS enforcement is reported.
        DbSyncStack stack = TestStacks.stack(TestStacks.typicalContext());
        software.amazon.awscdk.services.sqs.Queue.Builder.create(stack, "Careless").build();
        Aspects.of(stack).add(new AwsSolutionsChecks());
        assertThat(findings(stack, "error")).anySatisfy(f -> assertThat(f).contains("AwsSolutions-SQS4").contains("Careless"));
    }

    private static Map<String, Object> everyOption() {
        return TestStacks.typicalContextWith(
                "passwordSecret", "dbsync/scheduler",
                "passwordSecretKmsKeyArn", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "alarmTopicCmk", "true",
                "schedule", "cron(0/30 * * * ? *)");
    }

    private static Map<String, Object> lambdaWithEverything() {
        return TestStacks.lambdaContext(
                "snapshots", "true",
                "snapshotEveryHours", "24",
                "alarmTopicCmk", "true",
                "schedule", "cron(0/30 * * * ? *)");
    }

    private static DbSyncStack checked(Map<String, Object> context) {
        DbSyncStack stack = TestStacks.stack(context);
        Aspects.of(stack).add(new AwsSolutionsChecks());
        return stack;
    }

    /**
     * The AwsSolutions findings of one severity. An error fails synthesis outright (cdk.json's
     * {@code @aws-cdk/core:annotationsInValidationReport}); the findings are then read from the
     * validation report that the failure points to.
     */
    @SuppressWarnings("deprecation") // SynthesisMessage is what Annotations still returns.
    private static List<String> findings(DbSyncStack stack, String severity) {
        Annotations annotations;
        try {
            annotations = Annotations.fromStack(stack);
        } catch (RuntimeException e) {
            Matcher m = REPORT.matcher(String.valueOf(e.getMessage()));
            if (!m.find()) {
                throw e;
            }
            return fromValidationReport(Path.of(m.group(1)), severity);
        }
        var messages = severity.equals("error")
                ? annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))
                : annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        return messages.stream().map(msg -> msg.getId() + ": " + msg.getEntry().getData()).toList();
    }

    private static List<String> fromValidationReport(Path report, String severity) {
        try {
            List<String> found = new ArrayList<>();
            for (JsonNode plugin : new ObjectMapper().readTree(report.toFile()).get("pluginReports")) {
                for (JsonNode violation : plugin.get("violations")) {
                    String description = violation.get("description").asText().strip();
                    if (severity.equals(violation.get("severity").asText()) && description.startsWith("AwsSolutions-")) {
                        for (JsonNode construct : violation.get("violatingConstructs")) {
                            found.add(construct.get("constructPath").asText() + ": " + description);
                        }
                    }
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> suppressions(Template template) {
        List<Map<String, Object>> found = new ArrayList<>();
        Map<String, Object> resources = (Map<String, Object>) template.toJSON().get("Resources");
        for (Object resource : resources.values()) {
            Map<String, Object> metadata = (Map<String, Object>) ((Map<String, Object>) resource).get("Metadata");
            if (metadata != null && metadata.get("cdk_nag") instanceof Map<?, ?> nag) {
                found.addAll((List<Map<String, Object>>) nag.get("rules_to_suppress"));
            }
        }
        return found;
    }
}
