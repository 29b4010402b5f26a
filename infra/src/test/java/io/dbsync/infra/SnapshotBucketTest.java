package io.dbsync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** {@code -c snapshots=true}: the restore-point bucket and its writer policy (issue 15). */
class SnapshotBucketTest {

    private static Template containerHost;
    private static Template lambdaHost;

    @BeforeAll
    static void synthesise() {
        containerHost = TestStacks.template(TestStacks.typicalContextWith("snapshots", "true"));
        lambdaHost = TestStacks.template(TestStacks.lambdaContext("snapshots", "true"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lifecycleRules(Template template) {
        Map<String, Object> bucket = TestStacks.onlyProperties(template, "AWS::S3::Bucket");
        return (List<Map<String, Object>>) ((Map<String, Object>) bucket.get("LifecycleConfiguration")).get("Rules");
    }

    private static Map<String, Object> rule(Template template, String id) {
        return lifecycleRules(template).stream().filter(r -> id.equals(r.get("Id"))).findFirst().orElseThrow();
    }

    @Test
    void createsNoBucketByDefault() {
        TestStacks.template(TestStacks.typicalContext()).resourceCountIs("AWS::S3::Bucket", 0);
    }

    @Test
    void encryptsRestorePointsAtRest() {
        containerHost.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketEncryption", Map.of(
                "ServerSideEncryptionConfiguration", List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256"))))));
    }

    @Test
    void blocksEveryKindOfPublicAccess() {
        containerHost.hasResourceProperties("AWS::S3::Bucket", Map.of("PublicAccessBlockConfiguration", Map.of(
                "BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true)));
    }

    @Test
    void refusesRequestsWithoutTls() {
        containerHost.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny", "Action", "s3:*",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void abortsIncompleteMultipartUploadsAfterOneDay() {
        assertThat(rule(containerHost, "AbortIncompleteUploads"))
                .containsEntry("AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1));
    }

    @Test
    void expiresRestorePointsAfterA400DayBackstopByDefault() {
        assertThat(rule(containerHost, "BackstopExpiry")).containsEntry("ExpirationInDays", 400);
    }

    @Test
    void expiresRestorePointsAfterTheBackstopGivenAsAParameter() {
        Template custom = TestStacks.template(TestStacks.typicalContextWith("snapshots", "true", "snapshotBackstopDays", "90"));
        assertThat(rule(custom, "BackstopExpiry")).containsEntry("ExpirationInDays", 90);
    }

    @Test
    void keepsAnOverwrittenOrDeletedRestorePointFor30Days() {
        containerHost.hasResourceProperties("AWS::S3::Bucket", Map.of("VersioningConfiguration", Map.of("Status", "Enabled")));
        assertThat(rule(containerHost, "BackstopExpiry")).containsEntry("NoncurrentVersionExpiration", Map.of("NoncurrentDays", 30));
    }

    @Test
    void outlivesTheStack() {
        containerHost.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
    }

    @Test
    void letsTheWriterListOnlyUnderTheRestorePointPrefix() {
        containerHost.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Map.of("Sid", "ListRestorePoints", "Effect", "Allow", "Action", "s3:ListBucket",
                        "Resource", Map.of("Fn::GetAtt", List.of(TestStacks.onlyId(containerHost, "AWS::S3::Bucket"), "Arn")),
                        "Condition", Map.of("StringLike", Map.of("s3:prefix", List.of("restore-points/*")))))))));
    }

    @Test
    void letsTheWriterPutGetDeleteAndAbortUploadsUnderThePrefixOnly() {
        containerHost.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Map.of("Sid", "ReadWriteRestorePoints", "Effect", "Allow",
                        "Action", List.of("s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject",
                                "s3:ListMultipartUploadParts", "s3:PutObject"),
                        "Resource", Map.of("Fn::Join", List.of("", List.of(
                                Map.of("Fn::GetAtt", List.of(TestStacks.onlyId(containerHost, "AWS::S3::Bucket"), "Arn")),
                                "/restore-points/*")))))))));
    }

    @Test
    void letsTheWriterNeitherDeleteVersionsNorChangeTheBucket() {
        String actions = String.valueOf(TestStacks.onlyProperties(containerHost, "AWS::IAM::ManagedPolicy").get("PolicyDocument"));
        assertThat(actions).doesNotContain("DeleteObjectVersion", "PutBucket", "PutLifecycle", "s3:*");
    }

    @Test
    void attachesTheWriterPolicyToTheLambdaHostedApisRole() {
        lambdaHost.hasResourceProperties("AWS::IAM::Role", Map.of("ManagedPolicyArns",
                List.of(Map.of("Ref", TestStacks.onlyId(lambdaHost, "AWS::IAM::ManagedPolicy")))));
    }

    @Test
    void attachesTheWriterPolicyToNoRoleForAContainerHost() {
        assertThat(TestStacks.resources(containerHost, "AWS::IAM::Role").values())
                .noneSatisfy(role -> assertThat(TestStacks.properties(role)).containsKey("ManagedPolicyArns"));
    }

    @Test
    void outputsTheWriterPolicyForAContainerHostsUserOrRole() {
        containerHost.hasOutput("SnapshotWriterPolicyArn", Map.of("Value",
                Map.of("Ref", TestStacks.onlyId(containerHost, "AWS::IAM::ManagedPolicy"))));
    }

    @Test
    void tellsTheLambdaHostedApiWhereToWriteRestorePoints() {
        Map<String, Object> api = TestStacks.propertiesOf(lambdaHost, "AWS::Lambda::Function", "ApiFunction");
        assertThat(TestStacks.variables(api)).containsEntry("SNAPSHOT_URI", Map.of("Fn::Join", List.of("", List.of(
                "s3://", Map.of("Ref", TestStacks.onlyId(lambdaHost, "AWS::S3::Bucket")), "/restore-points"))));
    }
}
