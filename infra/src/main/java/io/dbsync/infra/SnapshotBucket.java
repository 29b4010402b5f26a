package io.dbsync.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * Where restore points live (issue 15): a private, encrypted, TLS-only S3 bucket, and a managed
 * policy that lets the API write, list, read and delete restore points under one prefix and
 * nothing else. Versioning keeps an overwritten or deleted restore point for
 * {@link #NONCURRENT_DAYS} days, so a retention bug or a leaked writer credential cannot destroy
 * the backups at once (the writer may not delete versions). Lifecycle rules clean up what the
 * API's own retention cannot: abandoned multipart uploads, and anything older than the backstop.
 */
public final class SnapshotBucket extends Construct {

    /** @param backstop objects older than this are expired whatever the API's retention keeps */
    public record Props(Duration backstop) {
    }

    /** The key prefix restore points are written under; the writer policy is scoped to it. */
    public static final String PREFIX = "restore-points";
    /** Days an overwritten or deleted restore point stays recoverable as a noncurrent version. */
    static final int NONCURRENT_DAYS = 30;

    private final Bucket bucket;
    private final ManagedPolicy writerPolicy;

    public SnapshotBucket(Construct scope, String id, Props props) {
        super(scope, id);
        this.bucket = Bucket.Builder.create(this, "Bucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(true)
                // Backups outlive the stack: `cdk destroy` leaves the bucket and its restore points.
                .removalPolicy(RemovalPolicy.RETAIN)
                .lifecycleRules(List.of(
                        LifecycleRule.builder()
                                .id("AbortIncompleteUploads")
                                .abortIncompleteMultipartUploadAfter(Duration.days(1))
                                .build(),
                        LifecycleRule.builder()
                                .id("BackstopExpiry")
                                .expiration(props.backstop())
                                .noncurrentVersionExpiration(Duration.days(NONCURRENT_DAYS))
                                .build(),
                        LifecycleRule.builder()
                                .id("RemoveExpiredDeleteMarkers")
                                .expiredObjectDeleteMarker(true)
                                .build()))
                .build();
        NagExemptions.exempt(bucket, "AwsSolutions-S1",
                "Server access logs would need a second bucket (itself unlogged) for a bucket only dbsync's writer role"
                        + " touches; CloudTrail data events are the audit trail to turn on if one is needed (docs/deploy.md).");

        String objects = bucket.arnForObjects(PREFIX + "/*");
        this.writerPolicy = ManagedPolicy.Builder.create(this, "WriterPolicy")
                .description("dbsync restore points: write, list, read and delete objects under s3://<bucket>/" + PREFIX
                        + "/ and abort their multipart uploads; nothing else")
                .statements(List.of(
                        PolicyStatement.Builder.create()
                                .sid("ListRestorePoints")
                                .actions(List.of("s3:ListBucket"))
                                .resources(List.of(bucket.getBucketArn()))
                                .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(PREFIX + "/*"))))
                                .build(),
                        PolicyStatement.Builder.create()
                                .sid("ReadWriteRestorePoints")
                                .actions(List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject",
                                        "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"))
                                .resources(List.of(objects))
                                .build()))
                .build();
        NagExemptions.exemptMatching(writerPolicy, "AwsSolutions-IAM5", "/^Resource::.*\\/" + PREFIX + "\\/\\*$/",
                "Restore points are objects with generated keys under one prefix; the wildcard is the prefix itself,"
                        + " in this one bucket, for object-level actions only.");
    }

    public Bucket bucket() {
        return bucket;
    }

    public ManagedPolicy writerPolicy() {
        return writerPolicy;
    }

    /** The API's SNAPSHOT_URI: {@code s3://<bucket>/restore-points}. */
    public String uri() {
        return "s3://" + bucket.getBucketName() + "/" + PREFIX;
    }
}
