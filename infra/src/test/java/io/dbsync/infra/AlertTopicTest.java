package io.dbsync.infra;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class AlertTopicTest {

    private static Template template;

    @BeforeAll
    static void synthesise() {
        template = TestStacks.template(TestStacks.typicalContext());
    }

    @Test
    void subscribesTheAlarmEmailToTheTopic() {
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email",
                "Endpoint", TestStacks.EMAIL,
                "TopicArn", Map.of("Ref", TestStacks.onlyId(template, "AWS::SNS::Topic"))));
    }

    @Test
    void requiresTlsToPublishToTheTopic() {
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void subscribesNobodyWhenNoEmailIsGiven() {
        TestStacks.template(Map.of("apiUrl", TestStacks.API_URL)).resourceCountIs("AWS::SNS::Subscription", 0);
    }

    @Test
    void warnsAtSynthWhenNoEmailIsGiven() {
        Annotations.fromStack(TestStacks.stack(Map.of("apiUrl", TestStacks.API_URL)))
                .hasWarning("*", Match.stringLikeRegexp(".*nobody is subscribed.*"));
    }

    @Test
    void warnsAtSynthWhenNoApiUrlIsGiven() {
        Annotations.fromStack(TestStacks.stack(Map.of("alarmEmail", TestStacks.EMAIL)))
                .hasWarning("*", Match.stringLikeRegexp(".*No API URL given.*"));
    }

    @Test
    void leavesTheTopicUnderSnsDefaultEncryptionUnlessAsked() {
        template.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", Match.absent()));
    }

    @Test
    void encryptsTheTopicWithACustomerKeyWhenAsked() {
        Template cmk = TestStacks.template(TestStacks.typicalContextWith("alarmTopicCmk", "true"));
        cmk.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", Map.of("Fn::GetAtt",
                List.of(TestStacks.onlyId(cmk, "AWS::KMS::Key"), "Arn"))));
    }

    @Test
    void rotatesTheTopicsCustomerKey() {
        TestStacks.template(TestStacks.typicalContextWith("alarmTopicCmk", "true"))
                .hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    }

    @Test
    void letsCloudWatchAlarmsUseTheTopicsCustomerKey() {
        TestStacks.template(TestStacks.typicalContextWith("alarmTopicCmk", "true"))
                .hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of(
                                "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                                "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"))))))));
    }
}
