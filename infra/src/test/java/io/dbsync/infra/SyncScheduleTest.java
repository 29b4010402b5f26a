package io.dbsync.infra;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class SyncScheduleTest {

    private static Template template;

    @BeforeAll
    static void synthesise() {
        template = TestStacks.template(TestStacks.typicalContext());
    }

    @Test
    void triggersEvery15MinutesByDefault() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "ScheduleExpression", "rate(15 minutes)", "State", "ENABLED"));
    }

    @Test
    void triggersOnTheScheduleGivenAsAParameter() {
        TestStacks.template(TestStacks.typicalContextWith("schedule", "cron(0 3 * * ? *)"))
                .hasResourceProperties("AWS::Events::Rule", Map.of("ScheduleExpression", "cron(0 3 * * ? *)"));
    }

    @Test
    void targetsTheSchedulerLambda() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of("Targets", List.of(Match.objectLike(Map.of(
                "Arn", Map.of("Fn::GetAtt", List.of(TestStacks.onlyId(template, "AWS::Lambda::Function"), "Arn")))))));
    }

    @Test
    void retriesDeliveryOfATriggerForUpToAnHour() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of("Targets", List.of(Match.objectLike(Map.of(
                "RetryPolicy", Map.of("MaximumRetryAttempts", 3, "MaximumEventAgeInSeconds", 3600))))));
    }

    @Test
    void sendsUndeliverableTriggersToTheDeadLetterQueue() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of("Targets", List.of(Match.objectLike(Map.of(
                "DeadLetterConfig", Map.of("Arn", Map.of("Fn::GetAtt",
                        List.of(TestStacks.onlyId(template, "AWS::SQS::Queue"), "Arn"))))))));
    }

    @Test
    void encryptsTheDeadLetterQueueAtRest() {
        template.hasResourceProperties("AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true));
    }

    @Test
    void keepsUndeliveredTriggersFor14Days() {
        template.hasResourceProperties("AWS::SQS::Queue", Map.of("MessageRetentionPeriod", 1209600));
    }

    @Test
    void deniesAccessToTheDeadLetterQueueWithoutTls() {
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void letsOnlyThisRuleSendToTheDeadLetterQueue() {
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow",
                        "Action", "sqs:SendMessage",
                        "Principal", Map.of("Service", "events.amazonaws.com"),
                        "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", Map.of("Fn::GetAtt",
                                List.of(TestStacks.onlyId(template, "AWS::Events::Rule"), "Arn")))))))))));
    }

    @Test
    void letsOnlyThisRuleInvokeTheLambda() {
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction",
                "Principal", "events.amazonaws.com",
                "SourceArn", Map.of("Fn::GetAtt", List.of(TestStacks.onlyId(template, "AWS::Events::Rule"), "Arn"))));
    }

    @Test
    void refusesAScheduleThatIsNotAnEventBridgeExpression() {
        assertThatThrownBy(() -> TestStacks.params(TestStacks.typicalContextWith("schedule", "every 15 minutes"), Map.of()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("schedule");
    }
}
