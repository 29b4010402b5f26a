package io.dbsync.infra;

import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The SNS topic every alarm notifies, with the team's e-mail subscription. Publishing requires
 * TLS; encryption at rest with a customer-managed key is optional (see {@link Props}). (cdk-nag's
 * AwsSolutions pack no longer requires topic encryption, so the default needs no suppression.)
 */
public final class AlertTopic extends Construct {

    /**
     * @param email            subscribed to the topic; empty: no subscription
     * @param customerManagedKey encrypt with a new KMS key that CloudWatch may use. Off by default:
     *                         CloudWatch alarms cannot publish to a topic under the AWS-managed
     *                         {@code aws/sns} key, and a customer key costs about 1 USD a month
     *                         for messages that hold only alarm names and states.
     */
    public record Props(Optional<String> email, boolean customerManagedKey) {
    }

    private final Topic topic;
    private final SnsAction action;

    public AlertTopic(Construct scope, String id, Props props) {
        super(scope, id);
        Topic.Builder builder = Topic.Builder.create(this, "Topic")
                .displayName("dbsync alarms")
                .enforceSsl(true);
        if (props.customerManagedKey()) {
            Key key = Key.Builder.create(this, "Key")
                    .description("Encrypts the dbsync alarm topic")
                    .enableKeyRotation(true)
                    .build();
            // CloudWatch publishes alarm notifications as itself, so the key must let it.
            key.addToResourcePolicy(PolicyStatement.Builder.create()
                    .sid("AllowCloudWatchAlarmsToPublish")
                    .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                    .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                    .resources(List.of("*"))
                    .build());
            builder.masterKey(key);
        }
        this.topic = builder.build();
        props.email().ifPresent(address -> topic.addSubscription(new EmailSubscription(address)));
        this.action = new SnsAction(topic);
    }

    public Topic topic() {
        return topic;
    }

    /** The alarm (and OK) action that publishes to this topic. */
    public SnsAction action() {
        return action;
    }
}
